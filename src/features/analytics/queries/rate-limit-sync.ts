import type { Database } from '../../../db/client.ts';

export type BucketHits = { bucket: string; windowStart: Date; hits: number };

/**
 * Adds this instance's counted hits to the shared rate_limits rows and returns each row's total
 * across all instances. One statement; buckets sorted so concurrent syncs lock in one order.
 */
export async function addRateLimitHits(db: Database, hits: BucketHits[]): Promise<BucketHits[]> {
  if (hits.length === 0) return [];
  const sorted = [...hits].sort(
    (a, b) => a.windowStart.getTime() - b.windowStart.getTime() || a.bucket.localeCompare(b.bucket),
  );
  const rows = await db.query<{ bucket: string; window_start: Date | string; hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS h(bucket, window_start, hits)
     ORDER BY window_start, bucket
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + excluded.hits
     RETURNING bucket, window_start, hits`,
    [sorted.map((h) => h.bucket), sorted.map((h) => h.windowStart), sorted.map((h) => h.hits)],
  );
  return rows.map((r) => ({ bucket: r.bucket, windowStart: new Date(r.window_start), hits: Number(r.hits) }));
}

/** The shared totals of some buckets in one window (hits other instances counted meanwhile). */
export async function readRateLimitHits(
  db: Database,
  windowStart: Date,
  buckets: string[],
): Promise<BucketHits[]> {
  if (buckets.length === 0) return [];
  const rows = await db.query<{ bucket: string; hits: number }>(
    'SELECT bucket, hits FROM rate_limits WHERE window_start = $1 AND bucket = ANY($2::text[])',
    [windowStart, buckets],
  );
  return rows.map((r) => ({ bucket: r.bucket, windowStart, hits: Number(r.hits) }));
}
