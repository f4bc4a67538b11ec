import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { DEFAULT_INTAKE_POLICY } from './abuse.ts';
import { recordFailure, recordPost, recentTraffic } from './traffic.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const policy = DEFAULT_INTAKE_POLICY; // 10-minute windows
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 6, 0) + minutes * 60_000);

describe('counting a post (one statement)', () => {
  it('counts this post with the current and previous windows, per address and across addresses', async () => {
    expect(await recordPost(db, 'intake:addr:a', at(1), policy, null)).toEqual({
      address: 1,
      posts: 1,
      failures: 0,
      earlier: null,
    });
    await recordPost(db, 'intake:addr:b', at(2), policy, null);
    await recordFailure(db, at(3), policy);
    expect(await recordPost(db, 'intake:addr:a', at(4), policy, null)).toEqual({
      address: 2,
      posts: 3,
      failures: 1,
      earlier: null,
    });
    // The next window: the address starts again; the totals still hold the previous window.
    await recordFailure(db, at(11), policy);
    expect(await recordPost(db, 'intake:addr:a', at(12), policy, null)).toEqual({
      address: 1,
      posts: 4,
      failures: 2,
      earlier: null,
    });
    expect(await recentTraffic(db, at(12), policy)).toEqual({ posts: 4, failures: 2 });
    // Two windows on, the first one no longer counts.
    expect(await recordPost(db, 'intake:addr:b', at(21), policy, null)).toMatchObject({
      address: 1,
      posts: 2,
      failures: 1,
    });
  });

  it('finds the request an earlier post of the same form stored, by its idempotency key', async () => {
    const key = 'traffic-test-key';
    expect((await recordPost(db, 'intake:addr:c', at(30), policy, key)).earlier).toBeNull();
    await db.query(
      `INSERT INTO requests (id, reference, received_at, locale, idempotency_key, sealed)
       VALUES (gen_random_uuid(), 'TEST-0001', $1, 'en', $2, '\\x00')`,
      [at(30), key],
    );
    expect((await recordPost(db, 'intake:addr:c', at(31), policy, key)).earlier).toBe('TEST-0001');
    expect((await recordPost(db, 'intake:addr:c', at(31), policy, 'another-key')).earlier).toBeNull();
  });
});
