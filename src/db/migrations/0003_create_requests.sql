-- Confidential requests from the public form (see src/features/intake/).
-- Only non-identifying metadata is in clear. Everything the patient typed is one JSON document
-- sealed with HPKE to the clinic public key, with the request id (as text) as associated data.
CREATE TABLE requests (
  id uuid PRIMARY KEY,
  -- Short random code the patient sees on the thank-you page and can quote on the phone.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  received_at timestamptz NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en', 'es')),
  -- Workflow state; the staff inbox owns its values.
  status text NOT NULL DEFAULT 'new',
  -- The same-site page the visitor came from, and utm_campaign: never anything typed.
  source_page text CHECK (char_length(source_page) <= 200),
  campaign text CHECK (char_length(campaign) <= 100),
  -- One per rendered form: a resend of the same form finds its request instead of adding one.
  idempotency_key text NOT NULL UNIQUE CHECK (char_length(idempotency_key) <= 64),
  sealed bytea NOT NULL
);
CREATE INDEX requests_received_at_idx ON requests (received_at);

-- Random secrets the app makes on first use and every instance shares (form-token signing,
-- proof-of-work signing, hashing addresses for rate limits). Never taken from the environment.
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  secret bytea NOT NULL CHECK (octet_length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
