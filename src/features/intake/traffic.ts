import type { Database } from '../../db/client.ts';
import { hitBuckets, pruneRateLimits, recentHits, windowStart } from './rate-limit.ts';
import type { IntakePolicy, TrafficCounts } from './abuse.ts';

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
};

/**
 * Counts a post and returns what the rules need: this address's posts, the recent totals, and
 * the request an earlier identical post stored. One statement: on the embedded database each
 * statement costs far more than the work inside it, and a post's cost is mostly its statements.
 */
export async function recordPost(
  db: Database,
  bucket: string,
  now: Date,
  policy: IntakePolicy,
  idempotencyKey: string | null,
): Promise<PostTraffic> {
  const current = windowStart(now, policy.windowMs);
  const previous = new Date(current.getTime() - policy.windowMs);
  // The SELECTs see the table as it was before this statement's INSERT, so this window's posts
  // come from the INSERT's RETURNING (this post and every one counted before it) and only the
  // previous window's from the table. Buckets sorted, as hitBuckets does, so no deadlock.
  const [row] = await db.query<{
    address: number;
    posts: number;
    previous: number | string;
    failures: number | string;
    earlier: string | null;
  }>(
    `WITH hit AS (
       INSERT INTO rate_limits (bucket, window_start, hits)
       SELECT b, $2, 1 FROM unnest($1::text[]) AS b ORDER BY b
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
       RETURNING bucket, hits
     )
     SELECT
       (SELECT hits FROM hit WHERE bucket = $3) AS address,
       (SELECT hits FROM hit WHERE bucket = $4) AS posts,
       (SELECT coalesce(sum(hits), 0) FROM rate_limits WHERE bucket = $4 AND window_start = $5) AS previous,
       (SELECT coalesce(sum(hits), 0) FROM rate_limits WHERE bucket = $6 AND window_start >= $5) AS failures,
       (SELECT reference FROM requests WHERE idempotency_key = $7) AS earlier`,
    [[bucket, POSTS].sort(), current, bucket, POSTS, previous, FAILURES, idempotencyKey],
  );
  const posts = Number(row?.posts ?? 1);
  // The first post of a new window tidies up windows nobody counts any more.
  if (posts === 1) await pruneRateLimits(db, 'intake:', new Date(now.getTime() - 2 * policy.windowMs));
  return {
    posts: posts + Number(row?.previous ?? 0),
    failures: Number(row?.failures ?? 0),
    address: Number(row?.address ?? 1),
    earlier: row?.earlier ?? null,
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
