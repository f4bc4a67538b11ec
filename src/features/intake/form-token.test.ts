import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkTokenTiming,
  newIdempotencyKey,
  readFormToken,
  signFormToken,
  type FormTokenClaims,
} from './form-token.ts';

const secret = new Uint8Array(32).fill(7);
const claims: FormTokenClaims = {
  issuedAt: Date.UTC(2026, 10, 24, 18),
  key: newIdempotencyKey(),
  source: '/en/faq',
};
const limits = { minFillMs: 2_000, maxAgeMs: 86_400_000 };

describe('form token', () => {
  it('round-trips its claims under the same secret', () => {
    expect(readFormToken(signFormToken(claims, secret), secret)).toEqual(claims);
    expect(newIdempotencyKey()).toMatch(/^[\w-]{22}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('still reads a token signed with the campaign it once carried', () => {
    const payload = Buffer.from(
      JSON.stringify([1, claims.issuedAt, claims.key, claims.source, 'spring']),
    ).toString('base64url');
    const signed = signFormToken(claims, secret);
    const signature = createHmac('sha256', secret).update(`form-token v1\0${payload}`).digest('base64url');
    expect(readFormToken(`${payload}.${signature}`, secret)).toEqual(claims);
    expect(signed).not.toBe(`${payload}.${signature}`);
  });

  it('refuses another secret, an altered payload or signature, and garbage', () => {
    const token = signFormToken(claims, secret);
    const [payload = '', signature = ''] = token.split('.');
    const forged = Buffer.from(JSON.stringify([1, Date.now(), claims.key, null, null])).toString('base64url');
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      // Same bytes, another spelling: the last character's spare bits changed.
      `${payload}.${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(signature.length - 1) ^ 1)}`,
      `${payload}.`,
      `${payload}.${signature}.x`,
      '',
      'x'.repeat(2000),
    ]) {
      expect(readFormToken(bad, secret), bad.slice(0, 40)).toBeNull();
    }
    expect(readFormToken(token, new Uint8Array(32).fill(8))).toBeNull();
  });

  it('says too fast under 2 seconds, stale after a day, and ok between', () => {
    const at = (ms: number) => new Date(claims.issuedAt + ms);
    expect(checkTokenTiming(claims, at(1_999), limits)).toBe('too-fast');
    expect(checkTokenTiming(claims, at(-5_000), limits)).toBe('too-fast');
    expect(checkTokenTiming(claims, at(2_000), limits)).toBe('ok');
    expect(checkTokenTiming(claims, at(86_400_000), limits)).toBe('ok');
    expect(checkTokenTiming(claims, at(86_400_001), limits)).toBe('stale');
  });
});
