import type { Database } from '../../../db/client.ts';
import type { DayRange } from '../range.ts';

export const DIMENSIONS = [
  'page',
  'entry',
  'referrer',
  'source',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  // Counted from the visits table only (the daily breakdowns predate channels).
  'channel',
  'device',
  'browser',
  'os',
  'language',
  'event',
  'form_error_field',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One value of a dimension, summed over the range's days. */
export type BreakdownRow = {
  value: string;
  visitors: number;
  visits: number;
  pageviews: number;
  bounces: number;
  durationSeconds: number;
  conversions: number;
  events: number;
};

/**
 * The top `limit` values of every dimension over a range, in one query over the rollups: pages
 * by views, events by count (every event: the goals are a short fixed list), the rest by visits.
 */
export async function listBreakdowns(
  db: Database,
  range: DayRange,
  limit: number,
): Promise<Record<Dimension, BreakdownRow[]>> {
  const rows = await db.query<BreakdownRow & { dimension: Dimension }>(
    `SELECT dimension, value, visitors, visits, pageviews, bounces, "durationSeconds", conversions, events
     FROM (
       SELECT dimension, value, sum(visitors)::int AS visitors, sum(visits)::int AS visits,
         sum(pageviews)::int AS pageviews, sum(bounces)::int AS bounces,
         sum(duration_seconds)::float8 AS "durationSeconds", sum(conversions)::int AS conversions,
         sum(events)::int AS events,
         row_number() OVER (PARTITION BY dimension ORDER BY
           CASE WHEN dimension = 'page' THEN sum(pageviews)
                WHEN dimension IN ('event', 'form_error_field') THEN sum(events)
                ELSE sum(visits) END DESC, value) AS rank
       FROM analytics_daily_breakdowns WHERE day BETWEEN $1::date AND $2::date
       GROUP BY dimension, value) ranked
     WHERE rank <= $3 OR dimension = 'event'
     ORDER BY dimension, rank`,
    [range.from, range.to, limit],
  );
  const out = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as BreakdownRow[]])) as Record<
    Dimension,
    BreakdownRow[]
  >;
  for (const { dimension, ...row } of rows) out[dimension]?.push(row);
  return out;
}
