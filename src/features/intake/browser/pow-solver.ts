/**
 * A tiny first-party solver for the server's ALTCHA v2 challenge (PBKDF2/SHA-256, see ../pow.ts):
 * try counters 0, 1, 2… until PBKDF2(nonce ‖ counter, salt) starts with the signed key prefix.
 * Uses only crypto.subtle, so nothing is downloaded and nobody else is asked.
 */
export type PowChallenge = {
  parameters: { nonce: string; salt: string; cost: number; keyLength?: number; keyPrefix: string };
  signature?: string;
};

const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The solution, or null when `limit` counters were tried without one (not our challenge). */
export async function solvePow(
  challenge: PowChallenge,
  limit = 10_000_000,
): Promise<{ counter: number; derivedKey: string } | null> {
  const { nonce, salt, cost, keyLength = 32, keyPrefix } = challenge.parameters;
  const nonceBytes = fromHex(nonce);
  const saltBytes = fromHex(salt);
  const prefix = keyPrefix.toLowerCase();
  // The password is the nonce followed by the counter as a big-endian 32-bit number.
  const password = new Uint8Array(nonceBytes.length + 4);
  password.set(nonceBytes);
  const view = new DataView(password.buffer);
  for (let counter = 0; counter < limit; counter++) {
    view.setUint32(nonceBytes.length, counter);
    const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', salt: saltBytes, iterations: cost, hash: 'SHA-256' },
      key,
      keyLength * 8,
    );
    const derivedKey = toHex(new Uint8Array(bits));
    if (derivedKey.startsWith(prefix)) return { counter, derivedKey };
  }
  return null;
}

/** The `altcha` field's value: base64 JSON of the challenge and its solution. */
export function powFieldValue(
  challenge: PowChallenge,
  solution: { counter: number; derivedKey: string },
): string {
  return btoa(JSON.stringify({ challenge, solution }));
}
