import type { Database } from '../../../db/client.ts';
import { localDay } from '../visitor-id.ts';

/** "Right now" on the dashboard: visitors with an event in this many minutes before now. */
export const RIGHT_NOW_MINUTES = 30;

/**
 * Visitors with at least one event in the last RIGHT_NOW_MINUTES, from the raw events (the
 * rollups are a minute behind). Only the days the window touches are read (the events are
 * indexed by day). A visitor whose window spans midnight counts twice: the id changes with the
 * day's salt.
 */
export async function countVisitorsNow(db: Database, now: Date, timeZone: string): Promise<number> {
  const since = new Date(now.getTime() - RIGHT_NOW_MINUTES * 60_000);
  const rows = await db.query<{ visitors: number }>(
    `SELECT count(DISTINCT visitor_id)::int AS visitors FROM analytics_events
     WHERE day >= $1::date AND occurred_at > $2 AND occurred_at <= $3`,
    [localDay(since, timeZone), since, now],
  );
  return rows[0]?.visitors ?? 0;
}
