import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotpCode, createTotpEnrollment } from './totp.ts';

const { secret } = createTotpEnrollment('coordinator@clinic.test');
const at = new Date('2026-11-25T09:00:15Z');
const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
const shift = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('checkTotpCode (RFC 6238, 30-second steps)', () => {
  it('accepts the current code, and the previous or next one for clock drift', async () => {
    const now = await checkTotpCode(secret, await codeAt(at), at, null);
    expect(now).toEqual({ ok: true, timeStep: Math.floor(at.getTime() / 30_000) });
    expect((await checkTotpCode(secret, await codeAt(shift(-30)), at, null)).ok).toBe(true);
    expect((await checkTotpCode(secret, await codeAt(shift(30)), at, null)).ok).toBe(true);
  });

  it('refuses a code two steps away, a malformed one, and spaces do not matter', async () => {
    expect((await checkTotpCode(secret, await codeAt(shift(-61)), at, null)).ok).toBe(false);
    expect((await checkTotpCode(secret, await codeAt(shift(61)), at, null)).ok).toBe(false);
    expect((await checkTotpCode(secret, 'abcdef', at, null)).ok).toBe(false);
    const code = await codeAt(at);
    expect((await checkTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null)).ok).toBe(true);
  });

  it('refuses a code whose step was already used, or an earlier one', async () => {
    const step = Math.floor(at.getTime() / 30_000);
    expect((await checkTotpCode(secret, await codeAt(at), at, step)).ok).toBe(false);
    expect((await checkTotpCode(secret, await codeAt(shift(-30)), at, step - 1)).ok).toBe(false);
    expect((await checkTotpCode(secret, await codeAt(shift(30)), at, step)).ok).toBe(true);
  });
});
