import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { isCommonPassword } from './common-passwords.ts';
import { ARGON2ID, ARGON2ID_OWASP, passwordBytes } from './kdf.ts';

/** Length rules and a common-password list (NIST SP 800-63B): no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
/** An upper bound keeps one sign-in from costing unbounded hashing work. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a new password is refused, in words for the person choosing it; null when it is fine. */
export function newPasswordProblem(password: string): string | null {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password)) {
    return 'That password is one of the most common ones, so it is guessed first. Choose another; a few unrelated words work well.';
  }
  return null;
}

/** A staff e-mail address, trimmed and lower-cased; null when it is not an address. */
export function parseStaffEmail(input: unknown): string | null {
  const parsed = z
    .email()
    .max(254)
    .safeParse(typeof input === 'string' ? input.trim().toLowerCase() : input);
  return parsed.success ? parsed.data : null;
}

const HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: ARGON2ID_OWASP.memoryKiB,
  timeCost: ARGON2ID_OWASP.iterations,
  parallelism: ARGON2ID_OWASP.parallelism,
};

/**
 * The password's argon2id hash in PHC string form (parameters and salt included).
 * @example const passwordHash = await hashPassword('correct horse battery staple');
 */
export function hashPassword(password: string): Promise<string> {
  return hash(passwordBytes(password), HASH_OPTIONS);
}

/** Checks a password against a stored PHC hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, passwordBytes(password));
  } catch {
    return false;
  }
}
