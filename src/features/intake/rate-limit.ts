import type { RawSql } from '../../db/client.ts';

/**
 * The request form's fixed-window counters in the rate_limits table, shared by every app
 * instance. Buckets are opaque names: callers hash anything personal, like an address, before it
 * becomes part of one. (The analytics collector keeps its own buckets there, under "collect:".)
 */

/** The database or a transaction. */
type Query = Pick<RawSql, 'query'>;

/** Start of the fixed window that holds `now`. */
export function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Counts one hit in each bucket for the current window and returns each bucket's count so far,
 * this hit included. One statement, so concurrent hits from many instances are all counted.
 * @example const counts = await hitBuckets(db, ['intake:posts'], now, 600_000); counts.get('intake:posts') // 1
 */
export async function hitBuckets(
  db: Query,
  buckets: string[],
  now: Date,
  windowMs: number,
): Promise<Map<string, number>> {
  // Sorted, so two statements that share buckets lock them in the same order (no deadlock).
  const sorted = [...new Set(buckets)].sort();
  const rows = await db.query<{ bucket: string; hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits)
     SELECT b, $2, 1 FROM unnest($1::text[]) AS b ORDER BY b
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING bucket, hits`,
    [sorted, windowStart(now, windowMs)],
  );
  return new Map(rows.map((r) => [r.bucket, Number(r.hits)]));
}

/** Hits per bucket in the current and the previous window together (a smoothed recent rate). */
export async function recentHits(
  db: Query,
  buckets: string[],
  now: Date,
  windowMs: number,
): Promise<Map<string, number>> {
  const since = new Date(windowStart(now, windowMs).getTime() - windowMs);
  const rows = await db.query<{ bucket: string; hits: number | string }>(
    `SELECT bucket, sum(hits) AS hits FROM rate_limits
     WHERE bucket = ANY($1::text[]) AND window_start >= $2
     GROUP BY bucket`,
    [buckets, since],
  );
  const counts = new Map(buckets.map((b) => [b, 0]));
  for (const r of rows) counts.set(r.bucket, Number(r.hits));
  return counts;
}

/** Deletes the windows of buckets starting with `prefix` that ended before `before`. */
export async function pruneRateLimits(db: Query, prefix: string, before: Date): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE starts_with(bucket, $1) AND window_start < $2', [
    prefix,
    before,
  ]);
}
