import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { DEFAULT_INTAKE_POLICY } from './abuse.ts';
import { recordFailure, recordPost, recentTraffic, type ReadyPost } from './traffic.ts';

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
      stored: null,
    });
    await recordPost(db, 'intake:addr:b', at(2), policy, null);
    await recordFailure(db, at(3), policy);
    expect(await recordPost(db, 'intake:addr:a', at(4), policy, null)).toEqual({
      address: 2,
      posts: 3,
      failures: 1,
      earlier: null,
      stored: null,
    });
    // The next window: the address starts again; the totals still hold the previous window.
    await recordFailure(db, at(11), policy);
    expect(await recordPost(db, 'intake:addr:a', at(12), policy, null)).toEqual({
      address: 1,
      posts: 4,
      failures: 2,
      earlier: null,
      stored: null,
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

describe('counting and storing an accepted post (one statement)', () => {
  const policy = { ...DEFAULT_INTAKE_POLICY, postsPerAddress: 2, attackPosts: 6, attackFailures: 3 };
  // Each test its own hour, so its windows start empty.
  const hour = (h: number, minutes = 0) => at(h * 60 + minutes);
  let n = 0;
  const ready = (powSolved = false): ReadyPost => {
    const id = ++n;
    return {
      row: {
        id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
        reference: `STOR-${String(id).padStart(4, '0')}`,
        receivedAt: hour(1),
        locale: 'es',
        sourcePage: '/es/solicitud',
        campaign: 'spring',
        attribution: {
          landingPage: '/es/',
          utmSource: 'radio',
          utmMedium: 'audio',
          utmTerm: null,
          utmContent: null,
        },
        idempotencyKey: `store-key-${id}`,
        sealed: new Uint8Array([1, 2, 3]),
      },
      powSolved,
    };
  };
  const post = (bucket: string, now: Date, p: ReadyPost) =>
    recordPost(db, bucket, now, policy, p.row.idempotencyKey, p);
  const stored = async (p: ReadyPost) =>
    (
      await db.query<Record<string, unknown>>(
        `SELECT reference, locale, source_page, campaign, landing_page, utm_source, utm_medium,
           encode(sealed, 'hex') AS sealed,
           (SELECT count(*)::int FROM notification_outbox o WHERE o.request_id = r.id::text) AS notices
         FROM requests r WHERE idempotency_key = $1`,
        [p.row.idempotencyKey],
      )
    )[0] ?? null;

  it('stores the request with its notice when the counts allow it, and counts the post', async () => {
    const p = ready();
    expect(await post('intake:addr:s1', hour(1), p)).toEqual({
      address: 1,
      posts: 1,
      failures: 0,
      earlier: null,
      stored: p.row.reference,
    });
    expect(await stored(p)).toEqual({
      reference: p.row.reference,
      locale: 'es',
      source_page: '/es/solicitud',
      campaign: 'spring',
      landing_page: '/es/',
      utm_source: 'radio',
      utm_medium: 'audio',
      sealed: '010203',
      notices: 1,
    });
  });

  it('stores nothing past the limit of an address, and counts the post all the same', async () => {
    await post('intake:addr:s2', hour(2), ready());
    await post('intake:addr:s2', hour(2), ready());
    const third = ready();
    expect(await post('intake:addr:s2', hour(2, 1), third)).toMatchObject({ address: 3, stored: null });
    expect(await stored(third)).toBeNull();
    // Another address in the same window is not held back.
    const other = ready();
    expect((await post('intake:addr:s2b', hour(2, 1), other)).stored).toBe(other.row.reference);
  });

  it('under attack, stores only a post whose proof of work is solved', async () => {
    for (let i = 0; i < 3; i++) await recordFailure(db, hour(3), policy);
    const unsolved = ready(false);
    expect(await post('intake:addr:s3', hour(3, 1), unsolved)).toMatchObject({ failures: 3, stored: null });
    expect(await stored(unsolved)).toBeNull();
    const solved = ready(true);
    expect((await post('intake:addr:s3b', hour(3, 1), solved)).stored).toBe(solved.row.reference);
    // Many posts (this window and the one before) count as an attack too.
    for (let i = 0; i < 6; i++) await recordPost(db, `intake:addr:s4${i}`, hour(4, 5), policy, null);
    const late = ready(false);
    expect(await post('intake:addr:s4', hour(4, 12), late)).toMatchObject({ posts: 7, stored: null });
  });

  it('a resend of a stored form stores nothing and finds the first request', async () => {
    const first = ready();
    await post('intake:addr:s5', hour(5), first);
    const resend: ReadyPost = {
      ...ready(),
      row: { ...ready().row, idempotencyKey: first.row.idempotencyKey },
    };
    expect(await post('intake:addr:s5', hour(5, 1), resend)).toMatchObject({
      earlier: first.row.reference,
      stored: null,
    });
    expect(
      await db.query('SELECT 1 FROM requests WHERE idempotency_key = $1', [first.row.idempotencyKey]),
    ).toHaveLength(1);
  });
});
