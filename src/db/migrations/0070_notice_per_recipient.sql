-- One outbox row per recipient: recipient_id NULL is the clinic's NOTIFY_TO address, as before;
-- a member who asked for the e-mails (staff.notify_new_requests, notify_daily_summary) gets a
-- row of their own, so a failed or retried send to one never sends twice to another. The daily
-- summary's row with no recipient marks the clinic day as fanned out (two instances race for it).
ALTER TABLE notification_outbox ADD COLUMN recipient_id uuid REFERENCES staff (id);
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_request_id_key;
ALTER TABLE notification_outbox
  ADD CONSTRAINT notification_outbox_once UNIQUE NULLS NOT DISTINCT (kind, request_id, recipient_id);
-- 'skipped': not sent on purpose (the member opted out or left since, their address is NOTIFY_TO,
-- or SMTP_URL is not set); the worker's log line says which.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_check;
ALTER TABLE notification_outbox
  ADD CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'skipped'));
