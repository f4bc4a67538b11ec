import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords.ts';
import { newPasswordProblem } from './password.ts';

describe('the common-password list', () => {
  it('refuses "password1234", whatever its case', () => {
    expect(isCommonPassword('password1234')).toBe(true);
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(newPasswordProblem('password1234')).toMatch(/one of the most common/);
  });

  it('refuses listed passwords padded with digits and symbols, or repeated', () => {
    for (const weak of ['Sunshine2024!', '!!iloveyou!!', 'qwertyqwerty', 'aaaaaaaaaaaaaa', '1q2w3e4r5t6y']) {
      expect(isCommonPassword(weak), weak).toBe(true);
      expect(newPasswordProblem(weak), weak).not.toBeNull();
    }
  });

  it('accepts a long passphrase and a random string', () => {
    for (const good of ['correct horse battery staple', 'lantern orbit mango 7', 'k9#Vq2!xTz@4pLm']) {
      expect(isCommonPassword(good), good).toBe(false);
      expect(newPasswordProblem(good), good).toBeNull();
    }
  });

  it('still applies the length rules first', () => {
    expect(newPasswordProblem('short')).toMatch(/at least 12 characters/);
  });
});
