import type { Database } from '../../../db/client.ts';
import type { Filters } from '../filters.ts';
import { bucketsOf, type DayRange } from '../range.ts';
import type { BreakdownRow, Dimension } from './breakdowns.ts';
import type { SeriesPoint } from './series.ts';
import type { RangeTotals } from './totals.ts';

// A campaign filter's rows over a range: $1, $2 the days, $3 to $5 its source, medium and
// campaign, '' for one not chosen (as the rollup stores "any"). The key leads both tables' primary keys.
const OF_FILTER = `utm_campaign = $5 AND utm_source = $3 AND utm_medium = $4 AND day BETWEEN $1::date AND $2::date`;

const paramsOf = (range: DayRange, f: Filters) => [
  range.from,
  range.to,
  f.source ?? '',
  f.medium ?? '',
  f.campaign ?? '',
];

/** The totals of the visits a campaign filter matches, from its daily rollup rows. */
export async function sumCampaignTotals(
  db: Database,
  range: DayRange,
  filters: Filters,
): Promise<RangeTotals> {
  const rows = await db.query<RangeTotals>(
    `SELECT coalesce(sum(visitors), 0)::int AS "visitors", coalesce(sum(visits), 0)::int AS "visits",
       coalesce(sum(pageviews), 0)::int AS "pageviews", coalesce(sum(bounces), 0)::int AS "bounces",
       coalesce(sum(duration_seconds), 0)::float8 AS "durationSeconds",
       coalesce(sum(education_visits), 0)::int AS "educationVisits",
       coalesce(sum(request_page_visits), 0)::int AS "requestPageVisits",
       coalesce(sum(form_started_visits), 0)::int AS "formStartedVisits",
       coalesce(sum(submitted_visits), 0)::int AS "submittedVisits"
     FROM analytics_daily_campaign_totals WHERE ${OF_FILTER}`,
    paramsOf(range, filters),
  );
  return rows[0] as RangeTotals;
}

/** A campaign filter's visitors, visits and page views per day or month (every bucket present). */
export async function listCampaignSeries(
  db: Database,
  range: DayRange,
  bucket: 'day' | 'month',
  filters: Filters,
): Promise<SeriesPoint[]> {
  const rows = await db.query<SeriesPoint>(
    `SELECT to_char(day, $6) AS "period", sum(visitors)::int AS "visitors", sum(visits)::int AS "visits",
       sum(pageviews)::int AS "pageviews"
     FROM analytics_daily_campaign_totals WHERE ${OF_FILTER}
     GROUP BY 1`,
    [...paramsOf(range, filters), bucket === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'],
  );
  const found = new Map(rows.map((r) => [r.period, r]));
  return bucketsOf(range, bucket).map(
    (period) => found.get(period) ?? { period, visitors: 0, visits: 0, pageviews: 0 },
  );
}

/**
 * The top `limit` values of every dimension among a campaign filter's visits, ranked as
 * listVisitBreakdowns ranks them (pages by views, goals by count, every goal; the rest by visits).
 */
export async function listCampaignBreakdowns(
  db: Database,
  range: DayRange,
  filters: Filters,
  limit: number,
): Promise<Partial<Record<Dimension, BreakdownRow[]>>> {
  const rows = await db.query<BreakdownRow & { dimension: Dimension }>(
    `SELECT dimension, value, visitors, visits, pageviews, bounces, "durationSeconds", conversions, events
     FROM (
       SELECT dimension, value, sum(visitors)::int AS visitors, sum(visits)::int AS visits,
         sum(pageviews)::int AS pageviews, sum(bounces)::int AS bounces,
         sum(duration_seconds)::float8 AS "durationSeconds", sum(conversions)::int AS conversions,
         sum(events)::int AS events,
         row_number() OVER (PARTITION BY dimension ORDER BY
           CASE WHEN dimension = 'page' THEN sum(pageviews) WHEN dimension = 'event' THEN sum(events)
                ELSE sum(visits) END DESC, value) AS rank
       FROM analytics_daily_campaign_breakdowns WHERE ${OF_FILTER}
       GROUP BY dimension, value) ranked
     WHERE rank <= $6 OR dimension = 'event'
     ORDER BY dimension, rank`,
    [...paramsOf(range, filters), limit],
  );
  const out: Partial<Record<Dimension, BreakdownRow[]>> = {};
  for (const { dimension, ...row } of rows) (out[dimension] ??= []).push(row);
  return out;
}
