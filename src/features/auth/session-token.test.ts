import { describe, expect, it } from 'vitest';
import { openSessionKey, sealSessionKey } from '../keys/session-key.ts';
import { UnwrapError } from '../keys/key-wrap.ts';
import { csrfFor, hashToken, isCsrfValid, isToken, newToken, tokenBytes } from './session-token.ts';

describe('browser tokens', () => {
  it('are 256 random bits, and only their hash is what the database keeps', () => {
    const token = newToken();
    expect(isToken(token)).toBe(true);
    expect(tokenBytes(token)).toHaveLength(32);
    expect(newToken()).not.toBe(token);
    expect(Buffer.from(hashToken(token)).toString('base64url')).not.toContain(token);
    expect(isToken('not a token')).toBe(false);
  });

  it('give each browser its own CSRF token, checked in constant time', () => {
    const [a, b] = [newToken(), newToken()];
    expect(isCsrfValid(a, csrfFor(a))).toBe(true);
    expect(isCsrfValid(a, csrfFor(b))).toBe(false);
    expect(isCsrfValid(a, '')).toBe(false);
    expect(csrfFor(a)).not.toContain(a);
  });

  it('seal the session copy of the clinic key so only that token and session open it', () => {
    const key = new Uint8Array(32).fill(7);
    const token = newToken();
    const sealed = sealSessionKey(tokenBytes(token), 'session-1', key);
    expect(Buffer.from(sealed).includes(Buffer.from(key))).toBe(false);
    expect(openSessionKey(tokenBytes(token), 'session-1', sealed)).toEqual(key);
    expect(() => openSessionKey(tokenBytes(newToken()), 'session-1', sealed)).toThrow(UnwrapError);
    expect(() => openSessionKey(tokenBytes(token), 'session-2', sealed)).toThrow(UnwrapError);
  });
});
