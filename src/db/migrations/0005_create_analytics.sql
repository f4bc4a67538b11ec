-- First-party analytics (src/features/analytics). No address, no cookie, no typed value is ever
-- stored: a visitor is a hash that changes every day, a user agent is reduced to three families.

-- One random salt per clinic-local day, shared by every app instance. Yesterday's is deleted when
-- the day turns, so a visitor id cannot be recomputed or linked across days.
CREATE TABLE analytics_salts (
  day date PRIMARY KEY,
  salt text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Raw events, kept for ANALYTICS_RETENTION_DAYS (default 30), then deleted; the rollups stay.
CREATE TABLE analytics_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  -- The calendar day in the clinic's time zone: the unit of salts, visits and rollups.
  day date NOT NULL,
  -- hash(daily salt, site, address, user agent): the same person on another day is another id.
  visitor_id text NOT NULL,
  name text NOT NULL CHECK (name IN ('pageview', 'request_click', 'phone_click', 'form_start',
    'form_error', 'form_submitted', 'language_switch')),
  -- A page of the site, or '(other)' for any path that is not one (it could carry typed text).
  path text NOT NULL,
  page_kind text NOT NULL CHECK (page_kind IN ('home', 'education', 'policy', 'request', 'other')),
  locale text CHECK (locale IN ('en', 'es')),
  -- The referring site's host only (page views from other sites).
  referrer text,
  utm_source text,
  utm_medium text,
  utm_campaign text,
  utm_term text,
  utm_content text,
  browser text NOT NULL,
  os text NOT NULL,
  device text NOT NULL CHECK (device IN ('desktop', 'phone', 'tablet', 'other')),
  -- form_error only: the names of the fields in error, comma-separated (never their values).
  fields text
);
CREATE INDEX analytics_events_day_visitor_idx ON analytics_events (day, visitor_id, occurred_at);

-- Days whose rollups are out of date; the batch writer bumps `version` with each batch, so a
-- rollup that raced a batch leaves its day dirty for the next run.
CREATE TABLE analytics_dirty_days (
  day date PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1
);

-- Rollups, kept for good: one row per day with the totals the dashboard shows.
CREATE TABLE analytics_daily_totals (
  day date PRIMARY KEY,
  visitors integer NOT NULL,
  visits integer NOT NULL,
  pageviews integer NOT NULL,
  bounces integer NOT NULL,
  duration_seconds bigint NOT NULL,
  -- Funnel: visits that viewed an education page, the request page, started and sent the form.
  education_visits integer NOT NULL,
  request_page_visits integer NOT NULL,
  form_started_visits integer NOT NULL,
  submitted_visits integer NOT NULL,
  rolled_up_at timestamptz NOT NULL DEFAULT now()
);

-- Rollups, kept for good: per day, per dimension (page, entry page, source, campaign, device,
-- language, …) and value. Visit measures count the visits that entered with that value.
CREATE TABLE analytics_daily_breakdowns (
  day date NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('page', 'entry', 'referrer', 'source', 'utm_source',
    'utm_medium', 'utm_campaign', 'device', 'browser', 'os', 'language', 'event', 'form_error_field')),
  value text NOT NULL,
  visitors integer NOT NULL,
  visits integer NOT NULL,
  pageviews integer NOT NULL,
  bounces integer NOT NULL,
  duration_seconds bigint NOT NULL,
  -- Visits that sent the request form (visit dimensions), or events counted (event dimensions).
  conversions integer NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (day, dimension, value)
);
