-- The weekly analytics summary: counts for the clinic week (Monday to Sunday, clinic time) e-mailed
-- on Monday to each admin or marketing member who asked for it. Counts only, never patient data.
ALTER TABLE staff ADD COLUMN notify_weekly_summary boolean NOT NULL DEFAULT false;

-- Through the same outbox as the daily summary: one row per member and week (request_id holds the
-- week's Monday, "2026-11-23"), and a marker row with no recipient that the first instance inserts.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox
  ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN ('new_request', 'daily_summary', 'weekly_summary'));
