import { deriveKek, newSalt, parseKdfParams, type KdfParams } from './kdf.ts';
import { unwrapKey, wrapKey, type WrapKind } from './key-wrap.ts';

/** A key-encryption key with the salt and parameters that re-derive it from its secret. */
export type PreparedKek = { kek: Uint8Array; salt: Uint8Array; params: KdfParams };

/** What a key_wraps row stores about one wrap, apart from whom and what it belongs to. */
export type WrapMaterial = { salt: Uint8Array; params: unknown; nonce: Uint8Array; ciphertext: Uint8Array };

/** Derives a KEK from `secret` under a fresh salt; slow for argon2id, so done before transactions. */
export async function prepareKek(secret: Uint8Array, params: KdfParams): Promise<PreparedKek> {
  const salt = newSalt();
  return { kek: await deriveKek(secret, salt, params), salt, params };
}

/** Wraps the private key under a prepared KEK, returning the columns to store. */
export function wrapWith(prepared: PreparedKek, privateKey: Uint8Array, kind: WrapKind): WrapMaterial {
  return { salt: prepared.salt, params: prepared.params, ...wrapKey(prepared.kek, privateKey, kind) };
}

/** Re-derives the KEK from `secret` with the stored salt and parameters, then unwraps. */
export async function unwrapWith(
  wrap: WrapMaterial & { kind: WrapKind },
  secret: Uint8Array,
): Promise<Uint8Array> {
  const kek = await deriveKek(secret, wrap.salt, parseKdfParams(wrap.params));
  return unwrapKey(kek, { nonce: wrap.nonce, ciphertext: wrap.ciphertext }, wrap.kind);
}
