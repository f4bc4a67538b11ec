import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Key wrapping: the clinic private key encrypted under a key-encryption key (KEK) with
 * AES-256-GCM and a fresh random 96-bit nonce per wrap. A KEK wraps one key once, so random
 * nonces are far from the GCM collision bound.
 */
export type WrappedKey = { nonce: Uint8Array; ciphertext: Uint8Array };

/**
 * What a wrap is for. 'invite': a member's copy until they accept their invite; 'session': the
 * copy a signed-in session keeps under a secret that lives only in its cookie (features/auth).
 */
export type WrapKind = 'setup' | 'password' | 'recovery' | 'invite' | 'session' | 'totp' | 'totp-session';
/** The kinds kept in the key_wraps table (a session's copy lives with the session). */
export type StoredWrapKind = Exclude<WrapKind, 'session' | 'totp' | 'totp-session'>;

export const KEK_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

/** Thrown when a KEK does not open a wrap: a wrong secret, or a wrap that was altered. */
export class UnwrapError extends Error {
  override name = 'UnwrapError';
}

/** The associated data binds each wrap to its kind, so a wrap cannot be passed off as another. */
function aadFor(kind: WrapKind): Buffer {
  return Buffer.from(`clinic-site key-wrap v1 ${kind}`, 'utf8');
}

/** Encrypts `key` under `kek` (32 bytes); the ciphertext ends with the 16-byte GCM tag. */
export function wrapKey(kek: Uint8Array, key: Uint8Array, kind: WrapKind): WrappedKey {
  assertKek(kek);
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aadFor(kind));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { nonce: new Uint8Array(nonce), ciphertext: new Uint8Array(ciphertext) };
}

/** Decrypts a wrap; throws UnwrapError when the KEK or kind is wrong or the wrap was altered. */
export function unwrapKey(kek: Uint8Array, wrapped: WrappedKey, kind: WrapKind): Uint8Array {
  assertKek(kek);
  const { nonce, ciphertext } = wrapped;
  if (nonce.byteLength !== NONCE_LENGTH || ciphertext.byteLength < TAG_LENGTH) {
    throw new UnwrapError('The wrapped key is malformed.');
  }
  const decipher = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aadFor(kind));
  decipher.setAuthTag(ciphertext.subarray(ciphertext.byteLength - TAG_LENGTH));
  try {
    const body = ciphertext.subarray(0, ciphertext.byteLength - TAG_LENGTH);
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    throw new UnwrapError('The secret does not open this wrapped key.');
  }
}

function assertKek(kek: Uint8Array): void {
  if (kek.byteLength !== KEK_LENGTH) throw new Error(`A key-encryption key has ${KEK_LENGTH} bytes.`);
}
