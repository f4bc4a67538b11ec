import { describe, expect, it } from 'vitest';
import { decodeCrockford, encodeCrockford, normalizeCrockford } from './base32.ts';
import { newPasswordProblem, parseStaffEmail } from './password.ts';
import {
  hashRecoveryCode,
  hashSetupToken,
  newRecoveryCodes,
  newRecoveryKey,
  newSetupToken,
  parseRecoveryKey,
} from './secrets.ts';

describe('Crockford base32', () => {
  it('round-trips bytes and matches a known encoding', () => {
    expect(encodeCrockford(new Uint8Array([0xff, 0x00]))).toBe('ZW00');
    const bytes = new Uint8Array([1, 2, 3, 250, 251, 252, 7, 8, 9, 10]);
    expect([...decodeCrockford(encodeCrockford(bytes))]).toEqual([...bytes]);
  });

  it('forgives case, dashes, spaces and look-alike letters, and refuses U', () => {
    expect(normalizeCrockford('ab-cd efoil')).toBe('ABCDEF011');
    expect(normalizeCrockford('UUU')).toBeNull();
  });
});

describe('recovery key', () => {
  it('is eight groups of four that parse back to its 20 bytes, however it is typed', () => {
    const key = newRecoveryKey();
    expect(key.formatted).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = key.formatted.toLowerCase().replace(/-/g, ' ');
    expect([...parseRecoveryKey(typed)]).toEqual([...key.bytes]);
  });

  it('explains the expected shape when the input is not a key', () => {
    expect(() => parseRecoveryKey('1234')).toThrow(/32 letters and digits/);
    expect(() => parseRecoveryKey('U'.repeat(32))).toThrow(/32 letters and digits/);
  });
});

describe('recovery codes and set-up token', () => {
  it('makes ten distinct codes whose hashes ignore case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [code = ''] = codes;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const hash = hashRecoveryCode(code);
    expect(hash).toHaveLength(32);
    expect(
      Buffer.from(hashRecoveryCode(code.toLowerCase().replace(/-/g, '')) ?? []).equals(
        Buffer.from(hash ?? []),
      ),
    ).toBe(true);
    expect(hashRecoveryCode('not a code')).toBeNull();
  });

  it('makes URL-safe 256-bit set-up tokens whose hashes differ from the token', () => {
    const token = newSetupToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSetupToken()).not.toBe(token);
    expect(Buffer.from(hashSetupToken(token)).toString('base64url')).not.toBe(token);
  });
});

describe('staff e-mail and password rules', () => {
  it('lower-cases and trims e-mail addresses and refuses non-addresses', () => {
    expect(parseStaffEmail('  Admin@Clinic.Example ')).toBe('admin@clinic.example');
    expect(parseStaffEmail('admin')).toBeNull();
    expect(parseStaffEmail(42)).toBeNull();
  });

  it('asks for at least 12 characters, counting accented letters once', () => {
    expect(newPasswordProblem('short pass')).toMatch(/at least 12 characters/);
    expect(newPasswordProblem('ñandú ñandú!')).toBeNull();
    expect(newPasswordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });
});
