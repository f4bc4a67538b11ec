/** Why a staff-account operation was refused; pages and the CLI pick their words from `problem`. */
export type StaffProblem =
  | 'invalid-email'
  | 'invalid-role'
  | 'already-member'
  | 'disabled-member'
  | 'unknown-member'
  | 'key-needed'
  | 'last-admin'
  | 'self'
  | 'invalid-invite'
  | 'weak-password'
  | 'password-mismatch'
  | 'wrong-code'
  | 'wrong-password';

/** An expected refusal, with a message fit to show the person. */
export class StaffError extends Error {
  override name = 'StaffError';
  constructor(
    readonly problem: StaffProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Who did something to a staff account, for the audit trail. */
export type Actor = {
  /** Null from the command line unlocked with the recovery key. */
  staffId: string | null;
  email: string | null;
  address: string | null;
  via: 'web' | 'cli';
};
