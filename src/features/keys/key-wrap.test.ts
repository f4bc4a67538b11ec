import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKek, PASSWORD_KDF, parseKdfParams, passwordBytes, RECOVERY_KEY_KDF } from './kdf.ts';
import { unwrapKey, UnwrapError, wrapKey } from './key-wrap.ts';

const key = () => new Uint8Array(randomBytes(32));

describe('key wrapping with AES-256-GCM', () => {
  it('unwraps what it wrapped, and the wrap does not contain the key', () => {
    const kek = key();
    const secret = key();
    const wrapped = wrapKey(kek, secret, 'recovery');
    expect(Buffer.from(wrapped.ciphertext).includes(Buffer.from(secret))).toBe(false);
    expect(Buffer.from(unwrapKey(kek, wrapped, 'recovery')).equals(Buffer.from(secret))).toBe(true);
  });

  it('uses a fresh nonce for every wrap', () => {
    const kek = key();
    const secret = key();
    const a = wrapKey(kek, secret, 'password');
    const b = wrapKey(kek, secret, 'password');
    expect(Buffer.from(a.nonce).equals(Buffer.from(b.nonce))).toBe(false);
  });

  it('refuses a wrong key-encryption key', () => {
    const wrapped = wrapKey(key(), key(), 'password');
    expect(() => unwrapKey(key(), wrapped, 'password')).toThrow(UnwrapError);
  });

  it('refuses a wrap presented as another kind', () => {
    const kek = key();
    const wrapped = wrapKey(kek, key(), 'setup');
    expect(() => unwrapKey(kek, wrapped, 'recovery')).toThrow(UnwrapError);
  });

  it('refuses an altered ciphertext', () => {
    const kek = key();
    const wrapped = wrapKey(kek, key(), 'recovery');
    const ciphertext = wrapped.ciphertext.slice();
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x80;
    expect(() => unwrapKey(kek, { ...wrapped, ciphertext }, 'recovery')).toThrow(UnwrapError);
  });
});

describe('key derivation', () => {
  it('derives the same 32-byte key from the same password and salt, another from another password', async () => {
    const salt = key().subarray(0, 16);
    const a = await deriveKek(passwordBytes('correct horse battery'), salt, PASSWORD_KDF);
    const b = await deriveKek(passwordBytes('correct horse battery'), salt, PASSWORD_KDF);
    const c = await deriveKek(passwordBytes('correct horse batterY'), salt, PASSWORD_KDF);
    expect(a.byteLength).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('treats composed and decomposed accents in a password as the same password', async () => {
    const salt = key().subarray(0, 16);
    const composed = await deriveKek(passwordBytes('contrase\u00f1a segura'), salt, PASSWORD_KDF);
    const decomposed = await deriveKek(passwordBytes('contrasen\u0303a segura'), salt, PASSWORD_KDF);
    expect(Buffer.from(composed).equals(Buffer.from(decomposed))).toBe(true);
  });

  it('depends on the salt', async () => {
    const secret = key();
    const a = await deriveKek(secret, key(), RECOVERY_KEY_KDF);
    const b = await deriveKek(secret, key(), RECOVERY_KEY_KDF);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('stores the OWASP argon2id parameters and refuses stored parameters it does not know', () => {
    expect(PASSWORD_KDF).toEqual({ kdf: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(parseKdfParams(JSON.parse(JSON.stringify(PASSWORD_KDF)))).toEqual(PASSWORD_KDF);
    expect(() => parseKdfParams({ kdf: 'md5' })).toThrow();
    expect(() => parseKdfParams({ ...PASSWORD_KDF, memoryKiB: 1 })).toThrow();
  });
});
