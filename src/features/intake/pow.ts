import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { IntakePolicy } from './abuse.ts';

/**
 * The first-party proof of work (ALTCHA v2, PBKDF2/SHA-256) that switches on under attack. Each
 * challenge is bound to one submission's idempotency key, so one solution can store at most one
 * request. The browser solves it with crypto.subtle (browser/pow-solver.ts).
 */
export const POW_ALGORITHM = 'PBKDF2/SHA-256';

export type PowSecrets = { signature: string; keySignature: string };

/** A signed challenge for one submission, as JSON for the page's data-challenge attribute. */
export async function createPowChallenge(
  idempotencyKey: string,
  pow: IntakePolicy['pow'],
  secrets: PowSecrets,
  now: Date,
): Promise<string> {
  const challenge = await createChallenge({
    algorithm: POW_ALGORITHM,
    cost: pow.cost,
    // Deterministic mode: the server picks the answer, so checking it later is one HMAC.
    counter: randomInt(pow.maxCounter, pow.minCounter),
    deriveKey,
    // Expiry rides in the signed data, checked against our clock (altcha's own check reads Date.now()).
    data: { k: idempotencyKey, e: now.getTime() + pow.expiresMs },
    hmacSignatureSecret: secrets.signature,
    hmacKeySignatureSecret: secrets.keySignature,
  });
  return JSON.stringify(challenge);
}

type Payload = { challenge: Challenge; solution: Solution };

/**
 * Whether the posted `altcha` field (base64 JSON of { challenge, solution }) solves a challenge we
 * signed for this idempotency key and that has not expired by `now`.
 */
export async function verifyPow(
  field: string,
  idempotencyKey: string,
  secrets: PowSecrets,
  now: Date,
): Promise<boolean> {
  if (field === '' || field.length > 4000) return false;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(field, 'base64').toString('utf8')) as Payload;
  } catch {
    return false;
  }
  const data = payload?.challenge?.parameters?.data;
  if (data?.k !== idempotencyKey || typeof data.e !== 'number' || data.e < now.getTime()) return false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secrets.signature,
      hmacKeySignatureSecret: secrets.keySignature,
    });
    return result.verified;
  } catch {
    return false;
  }
}
