import { newPasswordProblem, parseStaffEmail } from './password.ts';
import { postedText } from '../../lib/posted.ts';

export type SetupFields = { email: string; password: string; confirm: string };
export type SetupFieldErrors = Partial<Record<keyof SetupFields, string>>;

/** Reads the set-up form's fields from a parsed body; anything missing or not text is ''. */
export function readSetupFields(body: Record<string, unknown>): SetupFields & { token: string } {
  const text = (name: string) => postedText(body[name]);
  return { token: text('token'), email: text('email'), password: text('password'), confirm: text('confirm') };
}

/** A specific message per bad field, in the order the fields appear; empty when all are fine. */
export function validateSetupFields(fields: SetupFields): SetupFieldErrors {
  const errors: SetupFieldErrors = {};
  if (!parseStaffEmail(fields.email)) errors.email = 'Enter your e-mail address, like admin@example.com.';
  const weak = newPasswordProblem(fields.password);
  if (weak) errors.password = weak;
  else if (fields.confirm !== fields.password)
    errors.confirm = 'Type the same password again; the two differ.';
  return errors;
}
