import { newPasswordProblem, parseStaffEmail } from './password.ts';
import { postedText } from '../../lib/posted.ts';

/**
 * The set-up link's form, in two steps: the e-mail first (it names the account in the
 * authenticator app), then the password, the app (QR code) and one code from it, which proves the
 * app is set up before the admin exists. The TOTP secret made for step two travels in a hidden
 * field: it is shown on that page anyway, and only the holder of the one-time link can post.
 */
export type SetupFields = {
  email: string;
  password: string;
  confirm: string;
  code: string;
  /** The TOTP secret shown at step two (base32). */
  totpSecret: string;
  /** 'email' for step one, 'secure' for step two. */
  step: 'email' | 'secure';
};
export type SetupFieldErrors = Partial<Record<'email' | 'password' | 'confirm' | 'code', string>>;

/** A TOTP secret as createTotpEnrollment makes it: 160 bits in base32. */
export const isTotpSecret = (text: string) => /^[A-Z2-7]{32}$/.test(text);

/** Reads the set-up form's fields from a parsed body; anything missing or not text is ''. */
export function readSetupFields(body: Record<string, unknown>): SetupFields & { token: string } {
  const text = (name: string) => postedText(body[name]);
  return {
    token: text('token'),
    email: text('email'),
    password: text('password'),
    confirm: text('confirm'),
    code: text('code'),
    totpSecret: text('totp-secret'),
    step: text('step') === 'secure' ? 'secure' : 'email',
  };
}

export const EMAIL_PROBLEM = 'Enter your e-mail address, like admin@example.com.';
export const CODE_PROBLEM =
  'Enter the 6-digit code your authenticator app shows for this account now. It changes every 30 seconds.';

/** Step one: the e-mail only. */
export function validateSetupEmail(fields: Pick<SetupFields, 'email'>): SetupFieldErrors {
  return parseStaffEmail(fields.email) ? {} : { email: EMAIL_PROBLEM };
}

/**
 * Step two, before the code is checked against the clock: a specific message per bad field, in
 * the order the fields appear; empty when all are fine.
 */
export function validateSetupFields(fields: Omit<SetupFields, 'step' | 'totpSecret'>): SetupFieldErrors {
  const errors: SetupFieldErrors = validateSetupEmail(fields);
  const weak = newPasswordProblem(fields.password);
  if (weak) errors.password = weak;
  else if (fields.confirm !== fields.password)
    errors.confirm = 'Type the same password again; the two differ.';
  if (!/^\d{6}$/.test(fields.code.replace(/[\s-]/g, ''))) errors.code = CODE_PROBLEM;
  return errors;
}
