-- Staff accounts, the clinic key pair and the wrapped copies of its private key (see
-- src/features/keys/). The private key is never stored in clear: only in key_wraps.

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'marketing')),
  password_hash text NOT NULL,
  totp_secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

-- Single-use second-factor fallbacks, stored as SHA-256 of 80-bit random codes.
CREATE TABLE staff_recovery_codes (
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL CHECK (octet_length(code_hash) = 32),
  used_at timestamptz,
  PRIMARY KEY (staff_id, code_hash)
);

CREATE TABLE clinic_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
  setup_token_hash bytea CHECK (octet_length(setup_token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  setup_completed_at timestamptz,
  -- Pending set-up has a token; completed set-up has none left.
  CHECK ((setup_completed_at IS NULL) = (setup_token_hash IS NOT NULL))
);
-- One clinic key pair for now: two instances starting at once cannot both create one.
-- A later key-rotation migration drops this index.
CREATE UNIQUE INDEX clinic_keys_one_pair ON clinic_keys ((true));

CREATE TABLE key_wraps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_key_id uuid NOT NULL REFERENCES clinic_keys (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('setup', 'password', 'recovery')),
  staff_id uuid REFERENCES staff (id) ON DELETE CASCADE,
  salt bytea NOT NULL,
  params jsonb NOT NULL,
  nonce bytea NOT NULL CHECK (octet_length(nonce) = 12),
  ciphertext bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A password copy belongs to one member; the setup and recovery copies to nobody.
  CHECK ((kind = 'password') = (staff_id IS NOT NULL))
);
CREATE UNIQUE INDEX key_wraps_one_shared_per_kind ON key_wraps (clinic_key_id, kind) WHERE staff_id IS NULL;
CREATE UNIQUE INDEX key_wraps_one_per_member ON key_wraps (clinic_key_id, kind, staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX key_wraps_staff_id_idx ON key_wraps (staff_id);
