import type { Database } from '../../../db/client.ts';
import type { DayRange } from '../range.ts';

/** Sums of the daily totals over a range. */
export type RangeTotals = {
  visitors: number;
  visits: number;
  pageviews: number;
  bounces: number;
  durationSeconds: number;
  educationVisits: number;
  requestPageVisits: number;
  formStartedVisits: number;
  submittedVisits: number;
};

/**
 * Adds up analytics_daily_totals over a range: at most one row per day, however many events.
 * Visitors add up across days because a visitor id lives for one day only.
 */
export async function sumTotals(db: Database, range: DayRange): Promise<RangeTotals> {
  const rows = await db.query<RangeTotals>(
    `SELECT coalesce(sum(visitors), 0)::int AS "visitors", coalesce(sum(visits), 0)::int AS "visits",
       coalesce(sum(pageviews), 0)::int AS "pageviews", coalesce(sum(bounces), 0)::int AS "bounces",
       coalesce(sum(duration_seconds), 0)::float8 AS "durationSeconds",
       coalesce(sum(education_visits), 0)::int AS "educationVisits",
       coalesce(sum(request_page_visits), 0)::int AS "requestPageVisits",
       coalesce(sum(form_started_visits), 0)::int AS "formStartedVisits",
       coalesce(sum(submitted_visits), 0)::int AS "submittedVisits"
     FROM analytics_daily_totals WHERE day BETWEEN $1::date AND $2::date`,
    [range.from, range.to],
  );
  return rows[0] as RangeTotals;
}
