import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createRateLimiter } from './rate-limiter.ts';

/** The rate_limits table in memory, answering the two statements the limiter sends. */
function fakeTable() {
  const rows = new Map<string, number>();
  const writes: string[][] = [];
  const db = {
    async query(text: string, params: unknown[]) {
      if (text.trimStart().startsWith('INSERT')) {
        const [buckets, starts, hits] = params as [string[], Date[], number[]];
        writes.push(buckets);
        return buckets.map((bucket, i) => {
          const k = `${starts[i]?.getTime()}|${bucket}`;
          rows.set(k, (rows.get(k) ?? 0) + (hits[i] ?? 0));
          return { bucket, window_start: starts[i], hits: rows.get(k) };
        });
      }
      const [start, buckets] = params as [Date, string[]];
      return buckets
        .filter((b) => rows.has(`${start.getTime()}|${b}`))
        .map((bucket) => ({ bucket, hits: rows.get(`${start.getTime()}|${bucket}`) }));
    },
  } as unknown as Database;
  return { db, rows, writes };
}

const at = (seconds: number) => new Date(Date.UTC(2025, 2, 1, 18, 0, seconds));

describe('createRateLimiter', () => {
  it('allows `limit` hits per window, refuses the next, and starts again with the next window', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([1, 2, 3, 4].map((s) => limiter.hit('a', at(s)))).toEqual([true, true, true, false]);
    expect(limiter.hit('b', at(5))).toBe(true);
    expect(limiter.hit('a', at(61))).toBe(true);
  });

  it('writes only addresses that sent a tenth of the limit: an ordinary visitor costs no write', async () => {
    const { db, writes } = fakeTable();
    const limiter = createRateLimiter({ limit: 120, windowMs: 60_000 });
    for (let i = 0; i < 4; i++) limiter.hit('visitor', at(i));
    for (let i = 0; i < 12; i++) limiter.hit('script', at(i));
    await limiter.sync(db, at(20));
    expect(writes).toEqual([['script']]);
  });

  it('writes a busy key under its stored name, and computes that name only for busy keys', async () => {
    const { db, writes } = fakeTable();
    const limiter = createRateLimiter({ limit: 50, windowMs: 60_000 }); // busy from 5 hits
    const named: string[] = [];
    const storedAs = (key: string) => () => (named.push(key), `hashed:${key}`);
    for (let i = 0; i < 3; i++) limiter.hit('203.0.113.1', at(i), storedAs('203.0.113.1'));
    for (let i = 0; i < 5; i++) limiter.hit('203.0.113.2', at(i), storedAs('203.0.113.2'));
    await limiter.sync(db, at(20));
    limiter.hit('203.0.113.2', at(21), storedAs('203.0.113.2'));
    await limiter.sync(db, at(22));
    expect(named).toEqual(['203.0.113.2']);
    expect(writes).toEqual([['hashed:203.0.113.2'], ['hashed:203.0.113.2']]);
  });

  it('learns what other instances counted, so an address cannot use each instance’s limit', async () => {
    const { db } = fakeTable();
    const one = createRateLimiter({ limit: 10, windowMs: 60_000 });
    const two = createRateLimiter({ limit: 10, windowMs: 60_000 });
    for (let i = 0; i < 6; i++) one.hit('x', at(i));
    await one.sync(db, at(10));
    for (let i = 0; i < 3; i++) two.hit('x', at(11));
    await two.sync(db, at(12));
    // The table holds 9 now: the first instance learns it at its next sync, and refuses the 11th.
    await one.sync(db, at(13));
    expect(one.hit('x', at(14))).toBe(true);
    expect(one.hit('x', at(15))).toBe(false);
  });

  it('keeps hits that could not be written, for the next sync', async () => {
    const { db, rows } = fakeTable();
    const failing = { query: async () => Promise.reject(new Error('down')) } as unknown as Database;
    const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
    for (let i = 0; i < 2; i++) limiter.hit('x', at(i));
    await expect(limiter.sync(failing, at(3))).rejects.toThrow('down');
    await limiter.sync(db, at(4));
    expect([...rows.values()]).toEqual([2]);
  });
});
