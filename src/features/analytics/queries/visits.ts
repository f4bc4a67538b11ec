import type { Database } from '../../../db/client.ts';
import type { Filters } from '../filters.ts';
import type { DayRange } from '../range.ts';
import { BUCKET_FORMAT, bucketsOf, type Bucket } from '../range.ts';
import type { BreakdownRow, Dimension } from './breakdowns.ts';
import type { SeriesPoint } from './series.ts';
import type { RangeTotals } from './totals.ts';

// Every read of analytics_visits takes the range as $1, $2 and the filters as $3 to $10 (null
// leaves one out). Static, so the statement check prepares it. Visitors (and visits) are told
// apart per day, as the daily rollups count them: a visitor id lives for one day.
const MATCHES = `day BETWEEN $1::date AND $2::date
  AND ($3::text IS NULL OR utm_campaign = $3) AND ($4::text IS NULL OR utm_source = $4)
  AND ($5::text IS NULL OR utm_medium = $5) AND ($6::text IS NULL OR channel = $6)
  AND ($7::text IS NULL OR entry = $7) AND ($8::text IS NULL OR $8 = ANY (pages))
  AND ($9::text IS NULL OR locale = $9) AND ($10::text IS NULL OR device = $10)`;

const paramsOf = (range: DayRange, f: Filters) => [
  range.from,
  range.to,
  f.campaign ?? null,
  f.source ?? null,
  f.medium ?? null,
  f.channel ?? null,
  f.landing ?? null,
  f.page ?? null,
  f.language ?? null,
  f.device ?? null,
];

const BOUNCE = 'pageviews = 1 AND events = 0';

/** The totals of the visits that match, as analytics_daily_totals sums them. */
export async function sumVisitTotals(db: Database, range: DayRange, filters: Filters): Promise<RangeTotals> {
  const rows = await db.query<RangeTotals>(
    `SELECT count(DISTINCT (day, visitor_id))::int AS "visitors", count(*)::int AS "visits",
       coalesce(sum(pageviews), 0)::int AS "pageviews", (count(*) FILTER (WHERE ${BOUNCE}))::int AS "bounces",
       coalesce(sum(duration_seconds), 0)::float8 AS "durationSeconds",
       (count(*) FILTER (WHERE education))::int AS "educationVisits",
       (count(*) FILTER (WHERE request_page))::int AS "requestPageVisits",
       (count(*) FILTER (WHERE form_started))::int AS "formStartedVisits",
       (count(*) FILTER (WHERE submitted))::int AS "submittedVisits"
     FROM analytics_visits WHERE ${MATCHES}`,
    paramsOf(range, filters),
  );
  return rows[0] as RangeTotals;
}

/**
 * Visitors, visits and page views per clinic-local hour, day or month of the visits that match,
 * each visit in the hour it began (its page views too).
 */
export async function listVisitSeries(
  db: Database,
  range: DayRange,
  bucket: Bucket,
  filters: Filters,
  timeZone: string,
): Promise<SeriesPoint[]> {
  const rows = await db.query<SeriesPoint>(
    `SELECT to_char(started_at AT TIME ZONE $12, $11) AS "period", count(DISTINCT (day, visitor_id))::int AS "visitors",
       count(*)::int AS "visits", sum(pageviews)::int AS "pageviews"
     FROM analytics_visits WHERE ${MATCHES} GROUP BY 1`,
    [...paramsOf(range, filters), BUCKET_FORMAT[bucket], timeZone],
  );
  const found = new Map(rows.map((r) => [r.period, r]));
  return bucketsOf(range, bucket).map(
    (period) => found.get(period) ?? { period, visitors: 0, visits: 0, pageviews: 0 },
  );
}

/**
 * The top `limit` values of every dimension among the visits that match: visit dimensions by
 * visits (each visit under the value it entered with), pages by views, goals by count (every
 * goal: they are a short fixed list). Form
 * error fields are not kept per visit, so that table is empty under a filter.
 */
export async function listVisitBreakdowns(
  db: Database,
  range: DayRange,
  filters: Filters,
  limit: number,
): Promise<Partial<Record<Dimension, BreakdownRow[]>>> {
  const rows = await db.query<BreakdownRow & { dimension: Dimension }>(
    `WITH matching AS (SELECT * FROM analytics_visits WHERE ${MATCHES}),
     per_value AS (
       SELECT d.dimension, d.value, count(DISTINCT (m.day, m.visitor_id))::int AS visitors, count(*)::int AS visits,
         sum(m.pageviews)::int AS pageviews, (count(*) FILTER (WHERE m.pageviews = 1 AND m.events = 0))::int AS bounces,
         sum(m.duration_seconds)::float8 AS "durationSeconds", (count(*) FILTER (WHERE m.submitted))::int AS conversions,
         sum(m.events)::int AS events
       FROM matching m CROSS JOIN LATERAL (VALUES ('entry', m.entry), ('referrer', m.referrer),
         ('source', coalesce(m.utm_source, m.referrer, '(direct)')), ('utm_source', m.utm_source),
         ('utm_medium', m.utm_medium), ('utm_campaign', m.utm_campaign), ('channel', m.channel),
         ('device', m.device), ('browser', m.browser), ('os', m.os), ('language', m.locale)) AS d(dimension, value)
       WHERE d.value IS NOT NULL
       GROUP BY d.dimension, d.value
       UNION ALL
       SELECT 'page', p.path, count(DISTINCT (m.day, m.visitor_id))::int, count(DISTINCT (m.day, m.visit))::int, count(*)::int, 0, 0,
         count(DISTINCT (m.day, m.visit)) FILTER (WHERE m.submitted)::int, 0
       FROM matching m CROSS JOIN LATERAL unnest(m.pages) AS p(path)
       GROUP BY p.path
       UNION ALL
       SELECT 'event', g.name, count(DISTINCT (m.day, m.visitor_id))::int, count(DISTINCT (m.day, m.visit))::int, 0, 0, 0, 0,
         count(*)::int
       FROM matching m CROSS JOIN LATERAL unnest(m.goals) AS g(name)
       GROUP BY g.name)
     SELECT dimension, value, visitors, visits, pageviews, bounces, "durationSeconds", conversions, events
     FROM (SELECT *, row_number() OVER (PARTITION BY dimension ORDER BY
             CASE WHEN dimension = 'page' THEN pageviews WHEN dimension = 'event' THEN events ELSE visits END DESC,
             value) AS rank
           FROM per_value) ranked
     WHERE rank <= $11 OR dimension = 'event'
     ORDER BY dimension, rank`,
    [...paramsOf(range, filters), limit],
  );
  const out: Partial<Record<Dimension, BreakdownRow[]>> = {};
  for (const { dimension, ...row } of rows) (out[dimension] ??= []).push(row);
  return out;
}

/** One campaign (source, medium, campaign) and the visits that reached each step of the funnel. */
export type CampaignRow = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  visitors: number;
  visits: number;
  education: number;
  request_page: number;
  form_started: number;
  requests_sent: number;
};

/**
 * The per-campaign funnel from the daily campaign rollups (a row per day and campaign): of the
 * whole site, or of the campaigns a campaign filter (source, medium, campaign) matches.
 */
export async function sumDailyCampaigns(
  db: Database,
  range: DayRange,
  limit: number,
  filters: Filters = {},
): Promise<CampaignRow[]> {
  return db.query<CampaignRow>(
    `SELECT utm_source AS source, utm_medium AS medium, utm_campaign AS campaign,
       sum(visitors)::int AS visitors, sum(visits)::int AS visits, sum(education_visits)::int AS education,
       sum(request_page_visits)::int AS request_page, sum(form_started_visits)::int AS form_started,
       sum(submitted_visits)::int AS requests_sent
     FROM analytics_daily_campaigns
     WHERE day BETWEEN $1::date AND $2::date AND ($4::text IS NULL OR utm_source = $4)
       AND ($5::text IS NULL OR utm_medium = $5) AND ($6::text IS NULL OR utm_campaign = $6)
     GROUP BY utm_source, utm_medium, utm_campaign
     ORDER BY visits DESC, visitors DESC, source NULLS LAST, medium NULLS LAST, campaign NULLS LAST
     LIMIT $3`,
    [range.from, range.to, limit, filters.source ?? null, filters.medium ?? null, filters.campaign ?? null],
  );
}

/**
 * The per-campaign funnel: for each (source, medium, campaign) of the visits that match (visits
 * with at least one of the three), its visitors and the visits that read an education page,
 * reached the request page, started and sent the form. Most visits first.
 */
export async function listCampaigns(
  db: Database,
  range: DayRange,
  filters: Filters,
  limit: number,
): Promise<CampaignRow[]> {
  return db.query<CampaignRow>(
    `SELECT utm_source AS source, utm_medium AS medium, utm_campaign AS campaign,
       count(DISTINCT (day, visitor_id))::int AS visitors, count(*)::int AS visits,
       (count(*) FILTER (WHERE education))::int AS education,
       (count(*) FILTER (WHERE request_page))::int AS request_page,
       (count(*) FILTER (WHERE form_started))::int AS form_started,
       (count(*) FILTER (WHERE submitted))::int AS requests_sent
     FROM analytics_visits
     WHERE ${MATCHES} AND (utm_source IS NOT NULL OR utm_medium IS NOT NULL OR utm_campaign IS NOT NULL)
     GROUP BY utm_source, utm_medium, utm_campaign
     ORDER BY visits DESC, visitors DESC, source NULLS LAST, medium NULLS LAST, campaign NULLS LAST
     LIMIT $11`,
    [...paramsOf(range, filters), limit],
  );
}
