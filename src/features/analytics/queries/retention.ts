import type { Database } from '../../../db/client.ts';

/**
 * Deletes raw events of days before `cutoff`, one day per statement (a day is a few hundred
 * thousand rows at most), skipping days whose rollups are not done yet. Returns rows deleted.
 */
export async function deleteExpiredEvents(db: Database, cutoff: string): Promise<number> {
  const days = await db.query<{ day: string }>(
    `SELECT DISTINCT day::text AS day FROM analytics_events
     WHERE day < $1 AND day NOT IN (SELECT day FROM analytics_dirty_days) ORDER BY day`,
    [cutoff],
  );
  let deleted = 0;
  for (const { day } of days) {
    const rows = await db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM analytics_events WHERE day = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [day],
    );
    deleted += rows[0]?.n ?? 0;
  }
  return deleted;
}

/** Deletes the collector's rate-limit windows that ended before `before`. */
export async function deleteOldCollectorLimits(db: Database, before: Date): Promise<void> {
  await db.query("DELETE FROM rate_limits WHERE starts_with(bucket, 'collect:') AND window_start < $1", [
    before,
  ]);
}
