import type { Database } from '../../../db/client.ts';

/** The first event of a visit: where it began. */
export type VisitEntryRow = {
  path: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
};

/**
 * The first event of the visit a visitor is in at `now`, as the rollup splits a day into visits:
 * from the visitor's newest event, if it is at most `gapMs` before `now`, back while two events
 * are at most `gapMs` apart; of events at the same time, the first stored. Null when there is
 * none. Each step reads the day's events of one gap through the (day, occurred_at) index, so a
 * lookup costs the visit's span of traffic, not the whole day.
 */
export async function findVisitEntry(
  db: Database,
  day: string,
  visitorId: string,
  now: Date,
  gapMs: number,
): Promise<VisitEntryRow | null> {
  const rows = await db.query<VisitEntryRow>(
    `WITH RECURSIVE chain(at) AS (
       SELECT max(occurred_at) FROM analytics_events
       WHERE day = $1::date AND visitor_id = $2
         AND occurred_at >= $3::timestamptz - $4::int * interval '1 millisecond'
       UNION ALL
       SELECT (SELECT min(e.occurred_at) FROM analytics_events e
               WHERE e.day = $1::date AND e.visitor_id = $2
                 AND e.occurred_at >= c.at - $4::int * interval '1 millisecond' AND e.occurred_at < c.at)
       FROM chain c WHERE c.at IS NOT NULL
     )
     SELECT path, utm_source, utm_medium, utm_campaign, utm_term, utm_content
     FROM analytics_events
     WHERE day = $1::date AND visitor_id = $2 AND occurred_at = (SELECT min(at) FROM chain)
     ORDER BY id LIMIT 1`,
    [day, visitorId, now, gapMs],
  );
  return rows[0] ?? null;
}
