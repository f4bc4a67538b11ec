-- One row per visit, written by the daily rollup beside the totals and breakdowns and, like them,
-- kept for good: what a filtered dashboard (campaign, source, medium, landing page, page,
-- language, device, channel) and the per-campaign funnel are counted from. It holds what the
-- breakdowns hold, per visit: no address, no typed value; the visitor id is the day's hash,
-- whose salt is gone the next day, so it links nothing across days.
CREATE TABLE analytics_visits (
  day date NOT NULL,
  visit text NOT NULL,
  visitor_id text NOT NULL,
  started_at timestamptz NOT NULL,
  entry text NOT NULL,
  referrer text,
  -- search, social, email, paid, direct, referral (other sites) or other (a campaign link of no known medium).
  channel text NOT NULL,
  utm_source text,
  utm_medium text,
  utm_campaign text,
  utm_term text,
  utm_content text,
  locale text,
  browser text NOT NULL,
  os text NOT NULL,
  device text NOT NULL,
  pageviews integer NOT NULL,
  events integer NOT NULL,
  duration_seconds integer NOT NULL,
  education boolean NOT NULL,
  request_page boolean NOT NULL,
  form_started boolean NOT NULL,
  submitted boolean NOT NULL,
  phone_clicks integer NOT NULL,
  request_clicks integer NOT NULL,
  language_switches integer NOT NULL,
  form_errors integer NOT NULL,
  -- The paths viewed, in order, repeats included.
  pages text[] NOT NULL,
  PRIMARY KEY (day, visit)
);
-- A campaign filter reads its visits only.
CREATE INDEX analytics_visits_campaign_idx ON analytics_visits (utm_campaign, day) WHERE utm_campaign IS NOT NULL;
CREATE INDEX analytics_visits_source_idx ON analytics_visits (utm_source, day) WHERE utm_source IS NOT NULL;
