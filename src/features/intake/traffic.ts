import type { Database } from '../../db/client.ts';
import { hitBuckets, pruneRateLimits, recentHits, windowStart } from './rate-limit.ts';
import type { IntakePolicy, TrafficCounts } from './abuse.ts';
import { NEW_REQUEST_NOTICES } from '../notify/index.ts';
import { requestParams, type NewRequest } from '../requests/queries.ts';

/**
 * The form's counters in rate_limits: posts per (hashed) address, and posts and refusals across
 * all addresses, which say whether the form is under attack.
 */
const POSTS = 'intake:posts';
const FAILURES = 'intake:failures';

export type PostTraffic = TrafficCounts & {
  address: number;
  /** The reference of a request already stored under the post's idempotency key, if any. */
  earlier: string | null;
  /** The reference of the request this statement stored (recordPost with `store`), else null. */
  stored: string | null;
};

/** A post every rule but the database's let through: its sealed request, and its proof of work. */
export type ReadyPost = { row: NewRequest; powSolved: boolean };

// The post counted in its address's and the form's buckets ($1, window $2), and what the rules
// read: this window's counts from the INSERT's RETURNING (the SELECTs see the table as it was
// before it), the previous window's ($5) and the refusals ($6) from the table, and an earlier
// request with the idempotency key ($7). Buckets sorted, as hitBuckets does, so no deadlock.
const COUNT = `hit AS (
       INSERT INTO rate_limits (bucket, window_start, hits)
       SELECT b, $2, 1 FROM unnest($1::text[]) AS b ORDER BY b
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
       RETURNING bucket, hits
     ), counts AS (
       SELECT
         (SELECT hits FROM hit WHERE bucket = $3) AS address,
         (SELECT hits FROM hit WHERE bucket = $4) AS posts,
         (SELECT coalesce(sum(hits), 0) FROM rate_limits WHERE bucket = $4 AND window_start = $5) AS previous,
         (SELECT coalesce(sum(hits), 0) FROM rate_limits WHERE bucket = $6 AND window_start >= $5) AS failures,
         (SELECT reference FROM requests WHERE idempotency_key = $7) AS earlier
     )`;

/**
 * Counts a post and returns what the rules need: this address's posts, the recent totals, and
 * the request an earlier identical post stored. One statement: on the embedded database each
 * statement costs far more than the work inside it, and a post's cost is mostly its statements.
 *
 * With `store`, the same statement also stores the request with its staff notices when the
 * counts allow it (isRateLimited and isUnderAttack false, or the proof of work solved) and no
 * earlier post stored it: an accepted post is one statement and one commit. When it is not
 * stored, the counts are what the rules then refuse it with.
 */
export async function recordPost(
  db: Database,
  bucket: string,
  now: Date,
  policy: IntakePolicy,
  idempotencyKey: string | null,
  store?: ReadyPost,
): Promise<PostTraffic> {
  if (store && store.row.idempotencyKey !== idempotencyKey)
    throw new Error('a request stored under another key');
  const current = windowStart(now, policy.windowMs);
  const previous = new Date(current.getTime() - policy.windowMs);
  const counted = [[bucket, POSTS].sort(), current, bucket, POSTS, previous, FAILURES, idempotencyKey];
  type Row = {
    address: number;
    posts: number;
    previous: number | string;
    failures: number | string;
    earlier: string | null;
    stored?: string | null;
  };
  const [row] = store
    ? await db.query<Row>(
        `WITH ${COUNT}, stored AS (
           INSERT INTO requests (id, reference, received_at, locale, source_page, campaign, idempotency_key, sealed,
             landing_page, utm_source, utm_medium, utm_term, utm_content)
           SELECT $8::uuid, $9::text, $10::timestamptz, $11::text, $12::text, $13::text, $14::text, $15::bytea,
             $16::text, $17::text, $18::text, $19::text, $20::text
           FROM counts
           WHERE counts.earlier IS NULL AND counts.address <= $21::int
             AND ($22::boolean OR (counts.posts + counts.previous < $23::int AND counts.failures < $24::int))
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING id::text AS id, reference, locale, received_at
         ), ${NEW_REQUEST_NOTICES}
         SELECT counts.*, (SELECT reference FROM stored) AS stored FROM counts`,
        [
          ...counted,
          ...requestParams(store.row),
          policy.postsPerAddress,
          store.powSolved,
          policy.attackPosts,
          policy.attackFailures,
        ],
      )
    : await db.query<Row>(`WITH ${COUNT} SELECT * FROM counts`, counted);
  const posts = Number(row?.posts ?? 1);
  // The first post of a new window tidies up windows nobody counts any more.
  if (posts === 1) await pruneRateLimits(db, 'intake:', new Date(now.getTime() - 2 * policy.windowMs));
  return {
    posts: posts + Number(row?.previous ?? 0),
    failures: Number(row?.failures ?? 0),
    address: Number(row?.address ?? 1),
    earlier: row?.earlier ?? null,
    stored: row?.stored ?? null,
  };
}

/** Counts a post refused by an abuse rule. Best effort: a refusal must not fail on its counter. */
export async function recordFailure(db: Database, now: Date, policy: IntakePolicy): Promise<void> {
  await hitBuckets(db, [FAILURES], now, policy.windowMs).catch(() => undefined);
}

/** Posts and refusals in the current and previous window, across all addresses. */
export async function recentTraffic(db: Database, now: Date, policy: IntakePolicy): Promise<TrafficCounts> {
  const counts = await recentHits(db, [POSTS, FAILURES], now, policy.windowMs);
  return { posts: counts.get(POSTS) ?? 0, failures: counts.get(FAILURES) ?? 0 };
}
