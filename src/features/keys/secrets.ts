import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeCrockford, encodeCrockford, normalizeCrockford } from './base32.ts';

/**
 * The random secrets of set-up and how people see them: the one-time set-up token (in a URL),
 * the recovery key (kept on paper) and the single-use recovery codes (typed at sign-in).
 */

/** 256 random bits, URL-safe: the set-up link's token. */
export function newSetupToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps to recognise a set-up token: its SHA-256, never the token. */
export function hashSetupToken(token: string): Uint8Array {
  return sha256(`clinic-site setup-token v1\0${token}`);
}

/** Compares two hashes in constant time. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** The recovery key carries 160 random bits: 32 Crockford base32 characters. */
export const RECOVERY_KEY_BYTES = 20;

export type RecoveryKey = { bytes: Uint8Array; formatted: string };

/** A fresh recovery key, formatted in eight groups of four for writing down: "7K3M-…". */
export function newRecoveryKey(): RecoveryKey {
  const bytes = new Uint8Array(randomBytes(RECOVERY_KEY_BYTES));
  return { bytes, formatted: group(encodeCrockford(bytes), 4) };
}

/**
 * Reads a recovery key as a person types it back: any case, with or without dashes or spaces,
 * O for 0 and I or L for 1. Throws a message that says what a key looks like.
 */
export function parseRecoveryKey(input: string): Uint8Array {
  const chars = normalizeCrockford(input);
  if (chars === null || chars.length !== 32) {
    throw new Error('A recovery key has 32 letters and digits in groups of four, like 7K3M-Q8ZD-….');
  }
  return decodeCrockford(chars);
}

export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use codes of 80 random bits each ("XXXX-XXXX-XXXX-XXXX"). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => group(encodeCrockford(randomBytes(10)), 4));
}

/**
 * The stored form of a recovery code: SHA-256 of its normalised characters, or null when the
 * input cannot be a code. 80 random bits make a fast hash safe against guessing from a dump.
 */
export function hashRecoveryCode(code: string): Uint8Array | null {
  const chars = normalizeCrockford(code);
  if (chars === null || chars.length !== 16) return null;
  return sha256(`clinic-site recovery-code v1\0${chars}`);
}

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

function group(chars: string, size: number): string {
  return (chars.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join('-');
}
