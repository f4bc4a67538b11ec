-- Outbox of staff notifications (transactional outbox pattern): a row is written in the same
-- transaction as the request it announces, and the notify worker e-mails it afterwards.
-- It holds only non-identifying metadata: never anything a patient typed.
CREATE TABLE notification_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('new_request')),
  request_id text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en', 'es')),
  received_at timestamptz NOT NULL,
  -- pending → sent, or → failed once the retries are used up.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- When the row is next due. A claim pushes it forward by a lease, so a worker that dies while
  -- sending leaves the row due again once the lease ends.
  next_attempt_at timestamptz NOT NULL,
  -- The SMTP error of the last attempt (codes and the server's reply, no patient data).
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (kind, request_id)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';
