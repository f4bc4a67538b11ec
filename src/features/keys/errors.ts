/** Why set-up was refused; callers pick their words (page, CLI) from `problem`. */
export type SetupProblem = 'already-complete' | 'invalid-token' | 'invalid-email' | 'weak-password';

/** An expected refusal of completeSetup, with a message fit to show the person. */
export class SetupError extends Error {
  override name = 'SetupError';
  constructor(
    readonly problem: SetupProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A wrong password, e-mail or recovery key; deliberately does not say which. */
export class KeyUnlockError extends Error {
  override name = 'KeyUnlockError';
}

/** The stored key material does not fit together (altered database or a bug); never a user error. */
export class KeyIntegrityError extends Error {
  override name = 'KeyIntegrityError';
}
