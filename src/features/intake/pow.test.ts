import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_POLICY } from './abuse.ts';
import { powFieldValue, solvePow, type PowChallenge } from './browser/pow-solver.ts';
import { createPowChallenge, verifyPow } from './pow.ts';

const secrets = { signature: 'a'.repeat(64), keySignature: 'b'.repeat(64) };
const pow = { ...DEFAULT_INTAKE_POLICY.pow, cost: 10, minCounter: 20, maxCounter: 60 };

async function solved(key: string, now = new Date()) {
  const challenge = JSON.parse(await createPowChallenge(key, pow, secrets, now)) as PowChallenge;
  const solution = await solvePow(challenge);
  if (!solution) throw new Error('no solution');
  return { challenge, solution, field: powFieldValue(challenge, solution) };
}

describe('proof of work', () => {
  it('is solved by the browser solver and verified by altcha-lib', async () => {
    const { solution, field } = await solved('key-1');
    expect(solution.counter).toBeGreaterThanOrEqual(20);
    expect(solution.counter).toBeLessThanOrEqual(60);
    expect(await verifyPow(field, 'key-1', secrets, new Date())).toBe(true);
  });

  it('refuses a solution for another submission, another secret, a wrong answer or an expired challenge', async () => {
    const { challenge, solution, field } = await solved('key-2');
    const now = new Date();
    expect(await verifyPow(field, 'key-2', secrets, now)).toBe(true);
    expect(await verifyPow(field, 'key-3', secrets, now)).toBe(false);
    expect(await verifyPow(field, 'key-2', { ...secrets, signature: 'c'.repeat(64) }, now)).toBe(false);
    const wrong = powFieldValue(challenge, {
      ...solution,
      counter: solution.counter + 1,
      derivedKey: '00'.repeat(32),
    });
    expect(await verifyPow(wrong, 'key-2', secrets, now)).toBe(false);
    const late = await solved('key-4', now);
    const at = (ms: number) => new Date(now.getTime() + pow.expiresMs + ms);
    expect(await verifyPow(late.field, 'key-4', secrets, at(-1))).toBe(true);
    expect(await verifyPow(late.field, 'key-4', secrets, at(1))).toBe(false);
    const stretched = JSON.parse(Buffer.from(late.field, 'base64').toString());
    stretched.challenge.parameters.data.e += 86_400_000;
    const field2 = Buffer.from(JSON.stringify(stretched)).toString('base64');
    expect(await verifyPow(field2, 'key-4', secrets, at(1))).toBe(false);
    for (const garbage of [
      '',
      'not base64!',
      Buffer.from('{"challenge":1}').toString('base64'),
      'x'.repeat(5000),
    ]) {
      expect(await verifyPow(garbage, 'key-2', secrets, now)).toBe(false);
    }
  });
});
