-- Staff accounts and sign-in (see src/features/auth/ and src/features/staff/):
-- invites, sessions, sign-in throttling and posts kept across an expired session.

-- The last TOTP time step a member signed in with: each code works once (RFC 6238 section 5.2).
ALTER TABLE staff ADD COLUMN totp_last_step bigint;

-- One-time links that let a new member (or one who lost their password or authenticator) set a
-- password and enrol TOTP. Only the token's SHA-256 is kept. The TOTP secret is made with the
-- invite so the link's page can show the same QR code every time it is opened.
CREATE TABLE staff_invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'marketing')),
  -- For a reset: the member this link re-enrols; null for a new member.
  staff_id uuid REFERENCES staff (id) ON DELETE CASCADE,
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  totp_secret text NOT NULL,
  -- The admin who sent it; null when sent from the command line with the recovery key.
  created_by uuid REFERENCES staff (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
-- One open link per address: a new invite or reset replaces the one before.
CREATE UNIQUE INDEX staff_invites_one_per_email ON staff_invites (email);
CREATE INDEX staff_invites_expires_at_idx ON staff_invites (expires_at);

-- A member's copy of the clinic key waits, wrapped under a key derived from the invite token,
-- until they accept; then it is rewrapped under their password and this copy is deleted.
ALTER TABLE key_wraps ADD COLUMN invite_id uuid REFERENCES staff_invites (id) ON DELETE CASCADE;
ALTER TABLE key_wraps DROP CONSTRAINT key_wraps_kind_check;
ALTER TABLE key_wraps ADD CONSTRAINT key_wraps_kind_check
  CHECK (kind IN ('setup', 'password', 'recovery', 'invite'));
ALTER TABLE key_wraps DROP CONSTRAINT key_wraps_check;
ALTER TABLE key_wraps ADD CONSTRAINT key_wraps_owner_check
  CHECK ((kind = 'password') = (staff_id IS NOT NULL) AND (kind = 'invite') = (invite_id IS NOT NULL));
DROP INDEX key_wraps_one_shared_per_kind;
CREATE UNIQUE INDEX key_wraps_one_shared_per_kind ON key_wraps (clinic_key_id, kind)
  WHERE staff_id IS NULL AND invite_id IS NULL;
CREATE UNIQUE INDEX key_wraps_one_per_invite ON key_wraps (invite_id) WHERE invite_id IS NOT NULL;

-- Signed-in (and half signed-in) browsers. The cookie holds a random token; only its SHA-256 is
-- here, so any instance serves any session. 'pending': the password was right, the one-time
-- code is still to come. sealed_key is the clinic private key encrypted under a key derived
-- from the cookie's token, which is never stored: this table alone opens nothing. Null for
-- marketing, who never hold the key.
CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('pending', 'active')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- The absolute end (12 hours after sign-in; minutes for a pending one).
  expires_at timestamptz NOT NULL,
  sealed_key bytea,
  address text
);
CREATE INDEX staff_sessions_staff_id_idx ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expires_at_idx ON staff_sessions (expires_at);
CREATE INDEX staff_sessions_last_seen_at_idx ON staff_sessions (last_seen_at);

-- Failed sign-in attempts per account and per address, with growing delays; shared by every
-- instance. Keys are hashes ("account:<sha256>", "address:<sha256>"), never the typed e-mail.
CREATE TABLE signin_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz NOT NULL
);
CREATE INDEX signin_throttle_last_failure_at_idx ON signin_throttle (last_failure_at);

-- A form a member sent after their session had ended (a note, say): sealed with HPKE to the
-- clinic public key, so only a signed-in session opens it; kept for an hour to restore after
-- sign-in. staff_id is the member whose session ended, when still known.
CREATE TABLE staff_drafts (
  id uuid PRIMARY KEY,
  staff_id uuid REFERENCES staff (id) ON DELETE CASCADE,
  sealed bytea NOT NULL CHECK (octet_length(sealed) > 32),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_drafts_expires_at_idx ON staff_drafts (expires_at);
