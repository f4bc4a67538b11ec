import type { Database, RawSql } from '../../../db/client.ts';
import { VISIT_GAP_MINUTES } from '../visit-entry.ts';

// A visit ends after VISIT_GAP_MINUTES without an event; a request finds its visit the same way.
const VISIT_GAP = `interval '${VISIT_GAP_MINUTES} minutes'`;
const BOUNCE = 'v.pageviews = 1 AND v.events = 0';

// The day's events, numbered into visits per visitor; `starts` marks each visit's first event.
// (CREATE TABLE AS takes no parameters, so the temporary tables are made empty, then filled.)
const EVENTS = [
  `CREATE TEMP TABLE rollup_events (occurred_at timestamptz, visitor_id text, name text, path text,
     page_kind text, locale text, referrer text, utm_source text, utm_medium text, utm_campaign text,
     utm_term text, utm_content text, browser text, os text, device text, fields text, starts boolean,
     visit text) ON COMMIT DROP`,
  `INSERT INTO rollup_events
   SELECT occurred_at, visitor_id, name, path, page_kind, locale, referrer, utm_source, utm_medium,
     utm_campaign, utm_term, utm_content, browser, os, device, fields, starts,
     visitor_id || ':' || count(*) FILTER (WHERE starts) OVER (PARTITION BY visitor_id ORDER BY occurred_at, id)
   FROM (SELECT *, coalesce(occurred_at - lag(occurred_at) OVER (PARTITION BY visitor_id ORDER BY occurred_at, id)
                  > ${VISIT_GAP}, true) AS starts
         FROM analytics_events WHERE day = $1) e`,
];

// One row per visit: where it entered and came from (its first event, a page view as a rule),
// how long it lasted, what it reached.
const entry = (column: string) => `max(${column}) FILTER (WHERE starts)`;
const VISITS = [
  `CREATE TEMP TABLE rollup_visits (visit text, visitor_id text, pageviews int, events int,
     duration_seconds int, entry text, referrer text, utm_source text, utm_medium text,
     utm_campaign text, locale text, browser text, os text, device text, education boolean,
     request_page boolean, form_started boolean, submitted boolean, started_at timestamptz,
     utm_term text, utm_content text, phone_clicks int, request_clicks int, language_switches int,
     form_errors int, pages text[], goals text[]) ON COMMIT DROP`,
  `INSERT INTO rollup_visits
   SELECT visit, min(visitor_id), count(*) FILTER (WHERE name = 'pageview'),
     count(*) FILTER (WHERE name <> 'pageview'),
     extract(epoch FROM max(occurred_at) - min(occurred_at))::int,
     ${entry('path')}, ${entry('referrer')}, ${entry('utm_source')}, ${entry('utm_medium')},
     ${entry('utm_campaign')}, coalesce(${entry('locale')}, min(locale)), min(browser), min(os), min(device),
     bool_or(name = 'pageview' AND page_kind = 'education'),
     bool_or(name = 'pageview' AND page_kind = 'request'),
     bool_or(name = 'form_start'), bool_or(name = 'form_submitted'),
     min(occurred_at), ${entry('utm_term')}, ${entry('utm_content')},
     count(*) FILTER (WHERE name = 'phone_click'), count(*) FILTER (WHERE name = 'request_click'),
     count(*) FILTER (WHERE name = 'language_switch'), count(*) FILTER (WHERE name = 'form_error'),
     coalesce(array_agg(path ORDER BY occurred_at) FILTER (WHERE name = 'pageview'), '{}'),
     coalesce(array_agg(name ORDER BY occurred_at) FILTER (WHERE name <> 'pageview'), '{}')
   FROM rollup_events
   GROUP BY visit`,
];

// Where a visit came from, in the channels marketing speaks of. utm_medium decides first (a
// paid or e-mail link says so), then the source or referring site is recognised by name.
const SEARCH = String.raw`'^((www|search|m)\.)?(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|brave|startpage|ask)(\.[a-z.]+)?$'`;
const SOCIAL = String.raw`'^((www|l|m|lm)\.)?(facebook|fb|instagram|ig|twitter|x|t|linkedin|lnkd|youtube|tiktok|pinterest|reddit|nextdoor|whatsapp|threads)(\.[a-z.]+)?$'`;
export const CHANNEL_SQL = `CASE
    WHEN v.utm_medium ~ '^(cpc|ppc|paid|paid[ _-]?(search|social)|display|cpm|cpv|banner|ads?)$' THEN 'paid'
    WHEN v.utm_medium ~ '^(e-?mail|newsletter)$' OR v.referrer ~ '^(mail|outlook)\\.' THEN 'email'
    WHEN v.utm_medium ~ '^(social|social[ _-]?network|sm)$' OR coalesce(v.utm_source, v.referrer) ~ ${SOCIAL} THEN 'social'
    WHEN v.utm_medium = 'organic' OR coalesce(v.utm_source, v.referrer) ~ ${SEARCH} THEN 'search'
    WHEN v.utm_source IS NULL AND v.utm_medium IS NULL AND v.utm_campaign IS NULL AND v.referrer IS NULL THEN 'direct'
    WHEN v.utm_source IS NULL AND v.utm_medium IS NULL AND v.utm_campaign IS NULL THEN 'referral'
    ELSE 'other' END`;

const VISIT_ROWS = `INSERT INTO analytics_visits (day, visit, visitor_id, started_at, entry, referrer, channel,
    utm_source, utm_medium, utm_campaign, utm_term, utm_content, locale, browser, os, device, pageviews,
    events, duration_seconds, education, request_page, form_started, submitted, phone_clicks,
    request_clicks, language_switches, form_errors, pages, goals)
  SELECT $1::date, v.visit, v.visitor_id, v.started_at, v.entry, v.referrer, ${CHANNEL_SQL},
    v.utm_source, v.utm_medium, v.utm_campaign, v.utm_term, v.utm_content, v.locale, v.browser, v.os,
    v.device, v.pageviews, v.events, v.duration_seconds, v.education, v.request_page, v.form_started,
    v.submitted, v.phone_clicks, v.request_clicks, v.language_switches, v.form_errors, v.pages, v.goals
  FROM rollup_visits v`;

const TOTALS = `INSERT INTO analytics_daily_totals (day, visitors, visits, pageviews, bounces,
    duration_seconds, education_visits, request_page_visits, form_started_visits, submitted_visits)
  SELECT $1::date, count(DISTINCT v.visitor_id), count(*), coalesce(sum(v.pageviews), 0),
    count(*) FILTER (WHERE ${BOUNCE}), coalesce(sum(v.duration_seconds), 0),
    count(*) FILTER (WHERE v.education), count(*) FILTER (WHERE v.request_page),
    count(*) FILTER (WHERE v.form_started), count(*) FILTER (WHERE v.submitted)
  FROM rollup_visits v`;

const INSERT_BREAKDOWN = `INSERT INTO analytics_daily_breakdowns (day, dimension, value, visitors,
  visits, pageviews, bounces, duration_seconds, conversions, events)`;

// Visit dimensions: each visit counts once under the value it entered with. Grouping per visitor
// first, then per value, counts distinct visitors with hashing instead of a sort per value.
const BY_VISIT = `${INSERT_BREAKDOWN}
  SELECT $1::date, dimension, value, count(*), sum(visits), sum(pageviews), sum(bounces),
    sum(duration_seconds), sum(conversions), sum(events)
  FROM (
    SELECT d.dimension, d.value, count(*) AS visits, sum(v.pageviews) AS pageviews,
      count(*) FILTER (WHERE ${BOUNCE}) AS bounces, sum(v.duration_seconds) AS duration_seconds,
      count(*) FILTER (WHERE v.submitted) AS conversions, sum(v.events) AS events
    FROM rollup_visits v CROSS JOIN LATERAL (VALUES ('entry', v.entry), ('referrer', v.referrer),
      ('source', coalesce(v.utm_source, v.referrer, '(direct)')), ('utm_source', v.utm_source),
      ('utm_medium', v.utm_medium), ('utm_campaign', v.utm_campaign), ('channel', ${CHANNEL_SQL}), ('device', v.device),
      ('browser', v.browser), ('os', v.os), ('language', v.locale)) AS d(dimension, value)
    WHERE d.value IS NOT NULL
    GROUP BY d.dimension, d.value, v.visitor_id) per_visitor
  GROUP BY dimension, value`;

// Pages: views, and the visitors and visits that saw each page, and how many of those visits
// sent a request; grouped per visit, then per visitor, then per page (hashing, no sorts).
const BY_PAGE = `${INSERT_BREAKDOWN}
  SELECT $1::date, 'page', path, count(*), sum(visits), sum(views), 0, 0, sum(conversions), 0
  FROM (
    SELECT path, count(*) AS visits, sum(views) AS views, count(*) FILTER (WHERE submitted) AS conversions
    FROM (
      SELECT r.path, min(r.visitor_id) AS visitor_id, count(*) AS views, bool_or(v.submitted) AS submitted
      FROM rollup_events r JOIN rollup_visits v ON v.visit = r.visit
      WHERE r.name = 'pageview'
      GROUP BY r.path, r.visit) per_visit
    GROUP BY path, visitor_id) per_visitor
  GROUP BY path`;

const BY_EVENT = `${INSERT_BREAKDOWN}
  SELECT $1::date, 'event', name, count(DISTINCT visitor_id), count(DISTINCT visit), 0, 0, 0, 0, count(*)
  FROM rollup_events WHERE name <> 'pageview' GROUP BY name
  UNION ALL
  SELECT $1::date, 'form_error_field', f, count(DISTINCT visitor_id), count(DISTINCT visit), 0, 0, 0, 0, count(*)
  FROM rollup_events CROSS JOIN LATERAL unnest(string_to_array(fields, ',')) AS f
  WHERE name = 'form_error' GROUP BY f`;

const BY_CAMPAIGN = `INSERT INTO analytics_daily_campaigns (day, utm_source, utm_medium, utm_campaign,
    visitors, visits, education_visits, request_page_visits, form_started_visits, submitted_visits)
  SELECT $1::date, utm_source, utm_medium, utm_campaign, count(DISTINCT visitor_id), count(*),
    count(*) FILTER (WHERE education), count(*) FILTER (WHERE request_page),
    count(*) FILTER (WHERE form_started), count(*) FILTER (WHERE submitted)
  FROM rollup_visits
  WHERE utm_source IS NOT NULL OR utm_medium IS NOT NULL OR utm_campaign IS NOT NULL
  GROUP BY utm_source, utm_medium, utm_campaign`;

// The campaign-filtered rollups, from the day's visit rows (written just before): each visit
// counts under every campaign filter it matches, any non-empty choice of its source, medium and
// campaign, '' standing for "any" (a stored value is never empty). Counted as listVisitBreakdowns
// and sumVisitTotals count the visits, so a campaign filter reads the same figures either way.
const CAMPAIGN_FILTERS = `analytics_visits v CROSS JOIN LATERAL (VALUES (v.utm_source, v.utm_medium, v.utm_campaign),
    (v.utm_source, v.utm_medium, ''), (v.utm_source, '', v.utm_campaign), ('', v.utm_medium, v.utm_campaign),
    (v.utm_source, '', ''), ('', v.utm_medium, ''), ('', '', v.utm_campaign)) AS k(source, medium, campaign)`;
const OF_THE_DAY = `v.day = $1::date AND k.source IS NOT NULL AND k.medium IS NOT NULL AND k.campaign IS NOT NULL`;

const CAMPAIGN_TOTALS = `INSERT INTO analytics_daily_campaign_totals (day, utm_source, utm_medium, utm_campaign,
    visitors, visits, pageviews, bounces, duration_seconds, education_visits, request_page_visits,
    form_started_visits, submitted_visits)
  SELECT $1::date, k.source, k.medium, k.campaign, count(DISTINCT v.visitor_id), count(*), sum(v.pageviews),
    count(*) FILTER (WHERE ${BOUNCE}), sum(v.duration_seconds), count(*) FILTER (WHERE v.education),
    count(*) FILTER (WHERE v.request_page), count(*) FILTER (WHERE v.form_started),
    count(*) FILTER (WHERE v.submitted)
  FROM ${CAMPAIGN_FILTERS} WHERE ${OF_THE_DAY}
  GROUP BY k.source, k.medium, k.campaign`;

const INSERT_CAMPAIGN_BREAKDOWN = `INSERT INTO analytics_daily_campaign_breakdowns (day, utm_source, utm_medium,
  utm_campaign, dimension, value, visitors, visits, pageviews, bounces, duration_seconds, conversions, events)`;

// Visit dimensions, per visitor first, then per value (hashing, as BY_VISIT).
const CAMPAIGN_BY_VISIT = `${INSERT_CAMPAIGN_BREAKDOWN}
  SELECT $1::date, source, medium, campaign, dimension, value, count(*), sum(visits), sum(pageviews),
    sum(bounces), sum(duration_seconds), sum(conversions), sum(events)
  FROM (
    SELECT k.source, k.medium, k.campaign, d.dimension, d.value, count(*) AS visits,
      sum(v.pageviews) AS pageviews, count(*) FILTER (WHERE ${BOUNCE}) AS bounces,
      sum(v.duration_seconds) AS duration_seconds, count(*) FILTER (WHERE v.submitted) AS conversions,
      sum(v.events) AS events
    FROM ${CAMPAIGN_FILTERS}
    CROSS JOIN LATERAL (VALUES ('entry', v.entry), ('referrer', v.referrer),
      ('source', coalesce(v.utm_source, v.referrer, '(direct)')), ('utm_source', v.utm_source),
      ('utm_medium', v.utm_medium), ('utm_campaign', v.utm_campaign), ('channel', v.channel),
      ('device', v.device), ('browser', v.browser), ('os', v.os), ('language', v.locale)) AS d(dimension, value)
    WHERE ${OF_THE_DAY} AND d.value IS NOT NULL
    GROUP BY k.source, k.medium, k.campaign, d.dimension, d.value, v.visitor_id) per_visitor
  GROUP BY source, medium, campaign, dimension, value`;

// Pages (each view of the visit's path list) and goals (each event other than a page view).
const CAMPAIGN_BY_PAGE_AND_GOAL = `${INSERT_CAMPAIGN_BREAKDOWN}
  SELECT $1::date, source, medium, campaign, 'page', path, count(DISTINCT visitor_id), count(*), sum(views),
    0, 0, count(*) FILTER (WHERE submitted), 0
  FROM (
    SELECT k.source, k.medium, k.campaign, p.path, v.visit, min(v.visitor_id) AS visitor_id,
      count(*) AS views, bool_or(v.submitted) AS submitted
    FROM ${CAMPAIGN_FILTERS} CROSS JOIN LATERAL unnest(v.pages) AS p(path)
    WHERE ${OF_THE_DAY}
    GROUP BY k.source, k.medium, k.campaign, p.path, v.visit) per_visit
  GROUP BY source, medium, campaign, path
  UNION ALL
  SELECT $1::date, k.source, k.medium, k.campaign, 'event', g.name, count(DISTINCT v.visitor_id),
    count(DISTINCT v.visit), 0, 0, 0, 0, count(*)
  FROM ${CAMPAIGN_FILTERS} CROSS JOIN LATERAL unnest(v.goals) AS g(name)
  WHERE ${OF_THE_DAY}
  GROUP BY k.source, k.medium, k.campaign, g.name`;

const BY_CAMPAIGN_FILTER = [CAMPAIGN_TOTALS, CAMPAIGN_BY_VISIT, CAMPAIGN_BY_PAGE_AND_GOAL];

/**
 * Recomputes one day's rollups from its raw events, replacing what was there, in the caller's
 * transaction. An advisory lock keeps two instances from rolling up the same day at once.
 */
export async function rollupDay(sql: RawSql, day: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('analytics_rollup:' || $1))`, [day]);
  // A busy day's statements cost enough to trigger PostgreSQL's JIT, whose compiling takes
  // seconds, longer than running them plainly; and its hashes fit in memory with some room.
  await sql.query('SET LOCAL jit = off');
  await sql.query("SET LOCAL work_mem = '64MB'");
  await sql.query('DELETE FROM analytics_daily_totals WHERE day = $1', [day]);
  await sql.query('DELETE FROM analytics_daily_breakdowns WHERE day = $1', [day]);
  await sql.query('DELETE FROM analytics_visits WHERE day = $1', [day]);
  await sql.query('DELETE FROM analytics_daily_campaigns WHERE day = $1', [day]);
  await sql.query('DELETE FROM analytics_daily_campaign_totals WHERE day = $1', [day]);
  await sql.query('DELETE FROM analytics_daily_campaign_breakdowns WHERE day = $1', [day]);
  for (const step of [...EVENTS, ...VISITS]) await sql.query(step, step.includes('$1') ? [day] : []);
  for (const step of [TOTALS, BY_VISIT, BY_PAGE, BY_EVENT, VISIT_ROWS, BY_CAMPAIGN, ...BY_CAMPAIGN_FILTER])
    await sql.query(step, [day]);
}

export type DirtyMark = { day: string; version: string | number };

/**
 * Rolls up one day marked dirty, in its own transaction, and clears the mark only if no batch
 * arrived meanwhile (its version is unchanged); otherwise the day stays dirty for the next run.
 */
export async function rollupMarkedDay(db: Database, mark: DirtyMark): Promise<void> {
  await db.rawTransaction(async (sql) => {
    await rollupDay(sql, mark.day);
    await sql.query('DELETE FROM analytics_dirty_days WHERE day = $1 AND version = $2', [
      mark.day,
      mark.version,
    ]);
  });
}

/** Rolls up every day marked dirty, oldest first. Returns the days rolled up. */
export async function rollupDirtyDays(db: Database): Promise<string[]> {
  const marks = await db.query<DirtyMark>(
    'SELECT day::text AS day, version FROM analytics_dirty_days ORDER BY day',
  );
  for (const mark of marks) await rollupMarkedDay(db, mark);
  return marks.map((m) => m.day);
}
