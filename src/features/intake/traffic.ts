import type { Database } from '../../db/client.ts';
import { hitBuckets, pruneRateLimits, recentHits } from './rate-limit.ts';
import type { IntakePolicy, TrafficCounts } from './abuse.ts';

/**
 * The form's counters in rate_limits: posts per (hashed) address, and posts and refusals across
 * all addresses, which say whether the form is under attack.
 */
const POSTS = 'intake:posts';
const FAILURES = 'intake:failures';

export type PostTraffic = TrafficCounts & { address: number };

/** Counts a post and returns what the rules need: this address's posts, and recent totals. */
export async function recordPost(
  db: Database,
  bucket: string,
  now: Date,
  policy: IntakePolicy,
): Promise<PostTraffic> {
  const hits = await hitBuckets(db, [bucket, POSTS], now, policy.windowMs);
  // The first post of a new window tidies up windows nobody counts any more.
  if (hits.get(POSTS) === 1)
    await pruneRateLimits(db, 'intake:', new Date(now.getTime() - 2 * policy.windowMs));
  return { ...(await recentTraffic(db, now, policy)), address: hits.get(bucket) ?? 1 };
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
