-- Rollups, kept for good: per day, per campaign (source, medium, campaign; a visit with at least
-- one of them), the visits that reached each step of the funnel. The unfiltered dashboard and
-- report read these (a row per day and campaign) rather than every visit.
CREATE TABLE analytics_daily_campaigns (
  -- A campaign's values may be missing (null), so they cannot make the key; a backup needs one.
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL,
  utm_source text,
  utm_medium text,
  utm_campaign text,
  visitors integer NOT NULL,
  visits integer NOT NULL,
  education_visits integer NOT NULL,
  request_page_visits integer NOT NULL,
  form_started_visits integer NOT NULL,
  submitted_visits integer NOT NULL
);
CREATE INDEX analytics_daily_campaigns_day_idx ON analytics_daily_campaigns (day);

-- Channels become a breakdown dimension like the others.
ALTER TABLE analytics_daily_breakdowns DROP CONSTRAINT analytics_daily_breakdowns_dimension_check;
ALTER TABLE analytics_daily_breakdowns ADD CONSTRAINT analytics_daily_breakdowns_dimension_check
  CHECK (dimension IN ('page', 'entry', 'referrer', 'source', 'utm_source', 'utm_medium', 'utm_campaign',
    'channel', 'device', 'browser', 'os', 'language', 'event', 'form_error_field'));

-- Kept days are rolled up again so they gain both.
INSERT INTO analytics_dirty_days (day)
SELECT DISTINCT day FROM analytics_events
ON CONFLICT (day) DO UPDATE SET version = analytics_dirty_days.version + 1;
