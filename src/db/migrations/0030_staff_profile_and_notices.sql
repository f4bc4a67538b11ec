-- What a staff member sets for themselves and what the staff page shows about them: a name,
-- the language of their exports and e-mails, whether they get an e-mail for each new request and
-- the daily summary, and when they last signed in. None of it is patient data.
ALTER TABLE staff
  ADD COLUMN display_name text CHECK (display_name IS NULL OR char_length(display_name) BETWEEN 1 AND 80),
  ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  ADD COLUMN notify_new_requests boolean NOT NULL DEFAULT false,
  ADD COLUMN notify_daily_summary boolean NOT NULL DEFAULT false,
  ADD COLUMN last_sign_in_at timestamptz;

-- The daily summary goes through the same outbox as the new-request notices, one row per clinic
-- day (request_id holds the day, "2026-12-02"), so two instances never send it twice.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox
  ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN ('new_request', 'daily_summary'));
