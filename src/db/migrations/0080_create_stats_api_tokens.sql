-- Bearer tokens for the read-only stats API (GET /api/stats), made and revoked by an admin.
-- Only the SHA-256 of each token is kept: a token is 256 random bits, so a fast hash is enough
-- and a copy of the database cannot be used to read the statistics.
CREATE TABLE stats_api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
