-- Days rolled up before analytics_visits existed have no visit rows: mark every day whose raw
-- events are still kept dirty, so the next rollup writes them (older days' events are gone).
INSERT INTO analytics_dirty_days (day)
SELECT DISTINCT day FROM analytics_events
ON CONFLICT (day) DO UPDATE SET version = analytics_dirty_days.version + 1;
