-- A request finds the visit it was sent in by walking back from its time through the poster's
-- events, 30 minutes at a time (queries/visit-events.ts). With the index on day alone that read
-- every event of the day (6.6 ms a post on the embedded database at 20,000 events); with the time
-- in the index it reads the visit's span. Events arrive in time order, so the index still grows
-- at its end, as the one on day alone did; queries by day use its first column.
CREATE INDEX analytics_events_day_time_idx ON analytics_events (day, occurred_at, visitor_id);
DROP INDEX analytics_events_day_idx;
