import { CipherSuite } from '@hpke/core';
import { NodeAesGcm, NodeDhkemX25519HkdfSha256, NodeHkdfSha256, x25519PublicKeyOf } from './hpke-node.ts';

/**
 * HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM:
 * anyone holding the clinic public key can seal; only the clinic private key opens.
 * @hpke/core runs the protocol on node:crypto's synchronous primitives (hpke-node.ts): the same
 * messages as its WebCrypto classes, without a dozen asynchronous jobs per request form post.
 */
const suite = new CipherSuite({
  kem: new NodeDhkemX25519HkdfSha256(),
  kdf: new NodeHkdfSha256(),
  aead: new NodeAesGcm(256),
});

/** Length of the KEM's encapsulated key that starts every sealed message. */
export const ENC_LENGTH = 32;
export const X25519_KEY_LENGTH = 32;

export type ClinicKeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };

/** A fresh X25519 key pair as raw 32-byte keys. */
export async function generateClinicKeyPair(): Promise<ClinicKeyPair> {
  const pair = await suite.kem.generateKeyPair();
  return {
    publicKey: new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey)),
    privateKey: new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey)),
  };
}

/**
 * Seals `plaintext` to the clinic public key, bound to `aad` (for a request: its id).
 * @returns enc (32 bytes) followed by the AES-256-GCM ciphertext and tag
 * @example const sealed = await sealForClinic(publicKey, utf8('Ana'), utf8(requestId));
 */
export async function sealForClinic(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
  const { enc, ct } = await suite.seal({ recipientPublicKey }, plaintext, aad);
  const sealed = new Uint8Array(enc.byteLength + ct.byteLength);
  sealed.set(new Uint8Array(enc), 0);
  sealed.set(new Uint8Array(ct), enc.byteLength);
  return sealed;
}

/**
 * Opens what sealForClinic produced. Throws when the key, the data or the aad do not match.
 * @example const plaintext = await openSealed(privateKey, sealed, utf8(requestId));
 */
export async function openSealed(
  privateKey: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  if (sealed.byteLength <= ENC_LENGTH) throw new Error('Sealed data is too short to hold an HPKE message.');
  const recipientKey = await suite.kem.deserializePrivateKey(privateKey);
  const enc = sealed.subarray(0, ENC_LENGTH);
  return new Uint8Array(await suite.open({ recipientKey, enc }, sealed.subarray(ENC_LENGTH), aad));
}

/** The public key that belongs to a raw X25519 private key; used to check an unwrapped key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  if (privateKey.byteLength !== X25519_KEY_LENGTH) throw new Error('An X25519 private key has 32 bytes.');
  return x25519PublicKeyOf(privateKey);
}
