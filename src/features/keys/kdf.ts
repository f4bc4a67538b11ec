import { hkdfSync, randomBytes } from 'node:crypto';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import { KEK_LENGTH } from './key-wrap.ts';

/**
 * How a key-encryption key is derived from a secret. Stored (as jsonb) with each wrap beside its
 * salt, so parameters can be raised later without breaking existing wraps.
 * - argon2id for passwords: slow and memory-hard, because people choose guessable passwords.
 * - HKDF-SHA256 for random secrets (set-up token, recovery key): they carry 160+ bits already.
 */
export const KdfParamsSchema = z.discriminatedUnion('kdf', [
  z.object({
    kdf: z.literal('argon2id'),
    // Bounds refuse parameters that would make unlocking hang or trivial, however they got stored.
    memoryKiB: z.number().int().min(8192).max(1_048_576),
    iterations: z.number().int().min(1).max(20),
    parallelism: z.number().int().min(1).max(16),
  }),
  z.object({ kdf: z.literal('hkdf-sha256'), info: z.string().min(1).max(200) }),
]);
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
export const ARGON2ID_OWASP = { memoryKiB: 19456, iterations: 2, parallelism: 1 } as const;

export const PASSWORD_KDF: KdfParams = { kdf: 'argon2id', ...ARGON2ID_OWASP };
export const SETUP_TOKEN_KDF: KdfParams = { kdf: 'hkdf-sha256', info: 'clinic-site setup-token kek v1' };
export const RECOVERY_KEY_KDF: KdfParams = { kdf: 'hkdf-sha256', info: 'clinic-site recovery-key kek v1' };

export const SALT_LENGTH = 16;

// @node-rs/argon2 declares Algorithm as an ambient const enum, which isolatedModules cannot read.
export const ARGON2ID = 2 as Algorithm;

export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(SALT_LENGTH));
}

/** Reads parameters stored with a wrap; throws on anything this code does not understand. */
export function parseKdfParams(value: unknown): KdfParams {
  return KdfParamsSchema.parse(value);
}

/**
 * Derives a 32-byte key-encryption key from a secret, a salt and stored parameters.
 * @example const kek = await deriveKek(passwordBytes('correct horse…'), salt, PASSWORD_KDF);
 */
export async function deriveKek(
  secret: Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
): Promise<Uint8Array> {
  if (params.kdf === 'argon2id') {
    const raw = await hashRaw(secret, {
      algorithm: ARGON2ID,
      memoryCost: params.memoryKiB,
      timeCost: params.iterations,
      parallelism: params.parallelism,
      outputLen: KEK_LENGTH,
      salt,
    });
    return new Uint8Array(raw);
  }
  return new Uint8Array(hkdfSync('sha256', secret, salt, params.info, KEK_LENGTH));
}

/** A password as bytes, NFC-normalised so the same password typed on any device matches. */
export function passwordBytes(password: string): Uint8Array {
  return new Uint8Array(Buffer.from(password.normalize('NFC'), 'utf8'));
}
