-- Goals (phone and request clicks, language switches, form events, the self-check's start and
-- results) counted per visit, so a filtered dashboard counts every goal: the names of a visit's
-- events other than page views, in order, repeats included (names only, like the events).
ALTER TABLE analytics_visits ADD COLUMN goals text[] NOT NULL DEFAULT '{}';
-- Visits rolled up before this have none: mark every day whose raw events are still kept dirty,
-- so the next rollup writes them again (older days' events are gone; their daily totals stay).
INSERT INTO analytics_dirty_days (day)
SELECT DISTINCT day FROM analytics_events
ON CONFLICT (day) DO UPDATE SET version = analytics_dirty_days.version + 1;
