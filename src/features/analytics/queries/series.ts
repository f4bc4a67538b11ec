import type { Database } from '../../../db/client.ts';
import { bucketsOf, type DayRange } from '../range.ts';

export type SeriesPoint = { period: string; visitors: number; visits: number; pageviews: number };

/**
 * Visitors, visits and page views per day (YYYY-MM-DD) or month (YYYY-MM), every bucket of the
 * range present, with zeros where nothing was counted.
 */
export async function listSeries(
  db: Database,
  range: DayRange,
  bucket: 'day' | 'month',
): Promise<SeriesPoint[]> {
  const rows = await db.query<SeriesPoint>(
    `SELECT to_char(day, $3) AS "period", sum(visitors)::int AS "visitors", sum(visits)::int AS "visits",
       sum(pageviews)::int AS "pageviews"
     FROM analytics_daily_totals WHERE day BETWEEN $1::date AND $2::date
     GROUP BY 1`,
    [range.from, range.to, bucket === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'],
  );
  const found = new Map(rows.map((r) => [r.period, r]));
  return bucketsOf(range, bucket).map(
    (period) => found.get(period) ?? { period, visitors: 0, visits: 0, pageviews: 0 },
  );
}
