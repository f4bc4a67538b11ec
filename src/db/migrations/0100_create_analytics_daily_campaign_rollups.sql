-- Rollups, kept for good: per day and per campaign filter, the figures the dashboard shows when
-- it is narrowed to a campaign, so that view reads a few hundred rows instead of every visit.
-- A campaign filter is any non-empty choice of source, medium and campaign (the dashboard's
-- filters, or a campaign row's values); '' stands for "any" (stored values are never empty),
-- and a visit counts under every filter it matches. Visitors are distinct per day, like
-- analytics_daily_totals: a visitor id lives for one day.
CREATE TABLE analytics_daily_campaign_totals (
  day date NOT NULL,
  utm_source text NOT NULL,
  utm_medium text NOT NULL,
  utm_campaign text NOT NULL,
  visitors integer NOT NULL,
  visits integer NOT NULL,
  pageviews integer NOT NULL,
  bounces integer NOT NULL,
  duration_seconds bigint NOT NULL,
  education_visits integer NOT NULL,
  request_page_visits integer NOT NULL,
  form_started_visits integer NOT NULL,
  submitted_visits integer NOT NULL,
  -- A filter reads its own rows over a range of days.
  PRIMARY KEY (utm_campaign, utm_source, utm_medium, day)
);
-- A day's rollup replaces that day's rows.
CREATE INDEX analytics_daily_campaign_totals_day_idx ON analytics_daily_campaign_totals (day);

-- The same per dimension value, as listVisitBreakdowns counts them from the visits: visit
-- dimensions under the value each visit entered with, pages by views, goals by count.
CREATE TABLE analytics_daily_campaign_breakdowns (
  day date NOT NULL,
  utm_source text NOT NULL,
  utm_medium text NOT NULL,
  utm_campaign text NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('page', 'entry', 'referrer', 'source', 'utm_source',
    'utm_medium', 'utm_campaign', 'channel', 'device', 'browser', 'os', 'language', 'event')),
  value text NOT NULL,
  visitors integer NOT NULL,
  visits integer NOT NULL,
  pageviews integer NOT NULL,
  bounces integer NOT NULL,
  duration_seconds bigint NOT NULL,
  conversions integer NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (utm_campaign, utm_source, utm_medium, day, dimension, value)
);
CREATE INDEX analytics_daily_campaign_breakdowns_day_idx ON analytics_daily_campaign_breakdowns (day);

-- Days already rolled up are filled from their visit rows (kept for good, unlike raw events),
-- with the statements of queries/rollup.ts over every day at once.
INSERT INTO analytics_daily_campaign_totals (day, utm_source, utm_medium, utm_campaign, visitors, visits,
    pageviews, bounces, duration_seconds, education_visits, request_page_visits, form_started_visits, submitted_visits)
  SELECT v.day, k.source, k.medium, k.campaign, count(DISTINCT v.visitor_id), count(*), sum(v.pageviews),
    count(*) FILTER (WHERE v.pageviews = 1 AND v.events = 0), sum(v.duration_seconds),
    count(*) FILTER (WHERE v.education), count(*) FILTER (WHERE v.request_page),
    count(*) FILTER (WHERE v.form_started), count(*) FILTER (WHERE v.submitted)
  FROM analytics_visits v CROSS JOIN LATERAL (VALUES (v.utm_source, v.utm_medium, v.utm_campaign),
    (v.utm_source, v.utm_medium, ''), (v.utm_source, '', v.utm_campaign), ('', v.utm_medium, v.utm_campaign),
    (v.utm_source, '', ''), ('', v.utm_medium, ''), ('', '', v.utm_campaign)) AS k(source, medium, campaign)
  WHERE k.source IS NOT NULL AND k.medium IS NOT NULL AND k.campaign IS NOT NULL
  GROUP BY v.day, k.source, k.medium, k.campaign;

INSERT INTO analytics_daily_campaign_breakdowns (day, utm_source, utm_medium, utm_campaign, dimension, value,
    visitors, visits, pageviews, bounces, duration_seconds, conversions, events)
  SELECT day, source, medium, campaign, dimension, value, count(*), sum(visits), sum(pageviews), sum(bounces),
    sum(duration_seconds), sum(conversions), sum(events)
  FROM (
    SELECT v.day, k.source, k.medium, k.campaign, d.dimension, d.value, count(*) AS visits,
      sum(v.pageviews) AS pageviews, count(*) FILTER (WHERE v.pageviews = 1 AND v.events = 0) AS bounces,
      sum(v.duration_seconds) AS duration_seconds, count(*) FILTER (WHERE v.submitted) AS conversions,
      sum(v.events) AS events
    FROM analytics_visits v CROSS JOIN LATERAL (VALUES (v.utm_source, v.utm_medium, v.utm_campaign),
      (v.utm_source, v.utm_medium, ''), (v.utm_source, '', v.utm_campaign), ('', v.utm_medium, v.utm_campaign),
      (v.utm_source, '', ''), ('', v.utm_medium, ''), ('', '', v.utm_campaign)) AS k(source, medium, campaign)
    CROSS JOIN LATERAL (VALUES ('entry', v.entry), ('referrer', v.referrer),
      ('source', coalesce(v.utm_source, v.referrer, '(direct)')), ('utm_source', v.utm_source),
      ('utm_medium', v.utm_medium), ('utm_campaign', v.utm_campaign), ('channel', v.channel),
      ('device', v.device), ('browser', v.browser), ('os', v.os), ('language', v.locale)) AS d(dimension, value)
    WHERE k.source IS NOT NULL AND k.medium IS NOT NULL AND k.campaign IS NOT NULL AND d.value IS NOT NULL
    GROUP BY v.day, k.source, k.medium, k.campaign, d.dimension, d.value, v.visitor_id) per_visitor
  GROUP BY day, source, medium, campaign, dimension, value
  UNION ALL
  SELECT day, source, medium, campaign, 'page', path, count(DISTINCT visitor_id), count(*), sum(views), 0, 0,
    count(*) FILTER (WHERE submitted), 0
  FROM (
    SELECT v.day, k.source, k.medium, k.campaign, p.path, v.visit, min(v.visitor_id) AS visitor_id,
      count(*) AS views, bool_or(v.submitted) AS submitted
    FROM analytics_visits v CROSS JOIN LATERAL (VALUES (v.utm_source, v.utm_medium, v.utm_campaign),
      (v.utm_source, v.utm_medium, ''), (v.utm_source, '', v.utm_campaign), ('', v.utm_medium, v.utm_campaign),
      (v.utm_source, '', ''), ('', v.utm_medium, ''), ('', '', v.utm_campaign)) AS k(source, medium, campaign)
    CROSS JOIN LATERAL unnest(v.pages) AS p(path)
    WHERE k.source IS NOT NULL AND k.medium IS NOT NULL AND k.campaign IS NOT NULL
    GROUP BY v.day, k.source, k.medium, k.campaign, p.path, v.visit) per_visit
  GROUP BY day, source, medium, campaign, path
  UNION ALL
  SELECT v.day, k.source, k.medium, k.campaign, 'event', g.name, count(DISTINCT v.visitor_id), count(DISTINCT v.visit),
    0, 0, 0, 0, count(*)
  FROM analytics_visits v CROSS JOIN LATERAL (VALUES (v.utm_source, v.utm_medium, v.utm_campaign),
    (v.utm_source, v.utm_medium, ''), (v.utm_source, '', v.utm_campaign), ('', v.utm_medium, v.utm_campaign),
    (v.utm_source, '', ''), ('', v.utm_medium, ''), ('', '', v.utm_campaign)) AS k(source, medium, campaign)
  CROSS JOIN LATERAL unnest(v.goals) AS g(name)
  WHERE k.source IS NOT NULL AND k.medium IS NOT NULL AND k.campaign IS NOT NULL
  GROUP BY v.day, k.source, k.medium, k.campaign, g.name;
