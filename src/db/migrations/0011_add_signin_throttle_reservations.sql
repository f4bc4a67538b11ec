-- Sign-in attempts are reserved before the slow password or code check, so parallel attempts on
-- any instance cannot all pass one check: reserved counts the attempts in flight, reserved_at
-- starts their lease (a crashed attempt's reservation lapses). A row may now hold no failure yet.
-- trusted_until marks an account+address pair that completed a sign-in: the account-wide limit
-- does not apply there, so a stranger hammering an account does not lock its member out.
-- account_key names the account of an account+address row, so an admin can clear them all.
ALTER TABLE signin_throttle
  ADD COLUMN account_key text,
  ADD COLUMN reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  ADD COLUMN reserved_at timestamptz,
  ADD COLUMN trusted_until timestamptz;
ALTER TABLE signin_throttle DROP CONSTRAINT signin_throttle_failures_check;
ALTER TABLE signin_throttle ADD CONSTRAINT signin_throttle_failures_check CHECK (failures >= 0);
CREATE INDEX signin_throttle_account_key_idx ON signin_throttle (account_key) WHERE account_key IS NOT NULL;
