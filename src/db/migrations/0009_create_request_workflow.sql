-- The staff inbox's workflow (see src/features/inbox/): status history, call attempts
-- and sealed notes. Only the notes hold patient data, sealed with HPKE to the clinic public key
-- with the note id (as text) as associated data, like the requests themselves.

-- The workflow states. 'purged' is set only by the retention job, which also empties `sealed`:
-- a purged row keeps its clear metadata (reference, dates, language) and nothing the patient typed.
ALTER TABLE requests
  ADD CONSTRAINT requests_status_check CHECK (
    status IN ('new', 'contacted', 'consult_scheduled', 'not_a_candidate', 'unreachable', 'closed', 'purged')
  ),
  ADD CONSTRAINT requests_purged_is_empty CHECK ((status = 'purged') = (octet_length(sealed) = 0));
CREATE INDEX requests_status_received_idx ON requests (status, received_at);

-- Who changed a request's status, and when. changed_by is null for the retention job.
CREATE TABLE request_status_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  from_status text NOT NULL,
  to_status text NOT NULL,
  changed_by uuid REFERENCES staff (id),
  changed_at timestamptz NOT NULL,
  CHECK (from_status <> to_status)
);
CREATE INDEX request_status_changes_request_idx ON request_status_changes (request_id, changed_at);

-- A call-back attempt: when it happened and how it went (no patient data).
CREATE TABLE call_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  called_at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'wrong_number')),
  logged_by uuid NOT NULL REFERENCES staff (id),
  logged_at timestamptz NOT NULL
);
CREATE INDEX call_attempts_request_idx ON call_attempts (request_id, called_at);

-- A coordinator's note: patient data, so only its author and time are clear. Deleted by the
-- retention job with the request's sealed data.
CREATE TABLE request_notes (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  written_by uuid NOT NULL REFERENCES staff (id),
  written_at timestamptz NOT NULL,
  sealed bytea NOT NULL CHECK (octet_length(sealed) > 32)
);
CREATE INDEX request_notes_request_idx ON request_notes (request_id, written_at);
