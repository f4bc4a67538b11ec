import { createHash, randomBytes } from 'node:crypto';

/**
 * Stats-API tokens: 256 random bits after a prefix that says what they are (so one pasted in the
 * wrong place is recognised). Only the SHA-256 is stored: the token is random, so a slow hash
 * would add nothing.
 */
const PREFIX = 'clinic_stats_';
const TOKEN = /^clinic_stats_[A-Za-z0-9_-]{43}$/;

/** @example const { token, hash } = newStatsToken(); // token shown once, hash stored */
export function newStatsToken(): { token: string; hash: Uint8Array } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashStatsToken(token) };
}

export function hashStatsToken(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(token).digest());
}

/**
 * The token of an `Authorization: Bearer …` header, or null when there is none or it cannot be
 * one of ours (checked before any database work).
 * @example bearerToken('Bearer clinic_stats_…') // 'clinic_stats_…'
 */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const token = match?.[1] ?? '';
  return TOKEN.test(token) ? token : null;
}
