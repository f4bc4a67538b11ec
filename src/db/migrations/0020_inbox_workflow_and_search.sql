-- The coordinator's inbox for a full day of call-backs (see src/features/inbox/ and
-- docs/decisions/0010-inbox-search-over-sealed-data.md): who a request is assigned to, when it
-- is next to be followed up, contacts by text and e-mail as well as calls, and the sealed search
-- entries a staff session searches in memory. Nothing here is patient data in clear.

-- The member working the request; null when nobody is.
ALTER TABLE requests ADD COLUMN assigned_to uuid REFERENCES staff (id) ON DELETE SET NULL;
-- When the next contact attempt is due (set by "log contact"); null when none is planned.
ALTER TABLE requests ADD COLUMN follow_up_at timestamptz;
CREATE INDEX requests_assigned_to_idx ON requests (assigned_to, status);
CREATE INDEX requests_follow_up_at_idx ON requests (follow_up_at) WHERE follow_up_at IS NOT NULL;

-- A contact attempt: the way (phone, text, e-mail), how it went, and the follow-up it planned.
ALTER TABLE call_attempts
  ADD COLUMN channel text NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'text', 'email'));
ALTER TABLE call_attempts ADD COLUMN follow_up_at timestamptz;
ALTER TABLE call_attempts DROP CONSTRAINT call_attempts_outcome_check;
ALTER TABLE call_attempts ADD CONSTRAINT call_attempts_outcome_check
  CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'wrong_number', 'sent'));

-- The search key: 32 random bytes sealed with HPKE to the clinic public key, so only a session
-- holding the clinic private key opens it. One per clinic key pair.
CREATE TABLE request_search_keys (
  clinic_key_id uuid PRIMARY KEY REFERENCES clinic_keys (id) ON DELETE CASCADE,
  sealed bytea NOT NULL CHECK (octet_length(sealed) > 32),
  created_at timestamptz NOT NULL
);

-- What the inbox lists and searches of a request (name, phone, e-mail, contact preferences),
-- AES-256-GCM under the search key with the request id as associated data. Written by a staff
-- session the first time it opens the request; deleted with the request's details at purge.
CREATE TABLE request_search_entries (
  request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
  clinic_key_id uuid NOT NULL REFERENCES request_search_keys (clinic_key_id) ON DELETE CASCADE,
  sealed bytea NOT NULL CHECK (octet_length(sealed) > 28)
);
