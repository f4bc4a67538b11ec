import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The random token in a staff browser's cookie, and what is derived from it. The database keeps
 * only hashToken(token); the CSRF token and the session's key-encryption key are derived from
 * it, so neither is stored anywhere.
 */

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: a session or pre-sign-in browser token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a cookie value has the shape of a token (anything else is ignored, never looked up). */
export function isToken(value: string | undefined): value is string {
  return value !== undefined && TOKEN_PATTERN.test(value);
}

/** The token's 32 bytes, for key derivation. */
export function tokenBytes(token: string): Uint8Array {
  return new Uint8Array(Buffer.from(token, 'base64url'));
}

/** What the database keeps to find a session: SHA-256 of the token, never the token. */
export function hashToken(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`clinic-site session-token v1\0${token}`).digest());
}

/**
 * The CSRF token for forms shown to the browser holding `token`: an HMAC of it. A page from
 * another site can neither read our cookie nor compute this value.
 * @example <input type="hidden" name="csrf" value={csrfFor(token)} />
 */
export function csrfFor(token: string): string {
  return createHmac('sha256', tokenBytes(token)).update('clinic-site csrf v1').digest('base64url');
}

/** Compares a posted CSRF value with the one expected for `token`, in constant time. */
export function isCsrfValid(token: string, posted: string): boolean {
  const expected = Buffer.from(csrfFor(token));
  const actual = Buffer.from(posted);
  return expected.byteLength === actual.byteLength && timingSafeEqual(expected, actual);
}
