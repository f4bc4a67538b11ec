import { hkdfSync } from 'node:crypto';
import { KEK_LENGTH, unwrapKey, wrapKey } from './key-wrap.ts';

/**
 * The clinic private key as a signed-in session keeps it: AES-256-GCM under a key derived
 * (HKDF-SHA256) from the session's cookie token and id. The token lives only in the member's
 * cookie (the database keeps its hash), so neither a copy of the database nor another member's
 * session can open it; deleting the session row drops it for good.
 */
const NONCE_LENGTH = 12;

function sessionKek(cookieToken: Uint8Array, sessionId: string): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', cookieToken, Buffer.from(sessionId, 'utf8'), 'clinic-site session key v1', KEK_LENGTH),
  );
}

/**
 * Seals the clinic private key for one session: nonce followed by ciphertext and tag.
 * @example const sealedKey = sealSessionKey(tokenBytes, sessionId, privateKey);
 */
export function sealSessionKey(
  cookieToken: Uint8Array,
  sessionId: string,
  privateKey: Uint8Array,
): Uint8Array {
  const { nonce, ciphertext } = wrapKey(sessionKek(cookieToken, sessionId), privateKey, 'session');
  const sealed = new Uint8Array(nonce.byteLength + ciphertext.byteLength);
  sealed.set(nonce, 0);
  sealed.set(ciphertext, nonce.byteLength);
  return sealed;
}

/** Opens what sealSessionKey made; throws UnwrapError for another token, session or altered bytes. */
export function openSessionKey(cookieToken: Uint8Array, sessionId: string, sealed: Uint8Array): Uint8Array {
  const nonce = sealed.subarray(0, NONCE_LENGTH);
  const ciphertext = sealed.subarray(NONCE_LENGTH);
  return unwrapKey(sessionKek(cookieToken, sessionId), { nonce, ciphertext }, 'session');
}
