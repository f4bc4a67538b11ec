import type { Database } from '../../../db/client.ts';

/** One of a visitor's events of the day, newest first: what finding the visit's entry needs. */
export type VisitEventRow = {
  occurred_at: Date | string;
  path: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
};

/**
 * A visitor's events of one day, newest first, in the order the rollup numbers visits (time,
 * then id). Read one day at a time like every other read of the raw events.
 */
export async function listVisitorEvents(
  db: Database,
  day: string,
  visitorId: string,
): Promise<VisitEventRow[]> {
  return db.query<VisitEventRow>(
    `SELECT occurred_at, path, utm_source, utm_medium, utm_campaign, utm_term, utm_content
     FROM analytics_events WHERE day = $1::date AND visitor_id = $2
     ORDER BY occurred_at DESC, id DESC LIMIT 5000`,
    [day, visitorId],
  );
}
