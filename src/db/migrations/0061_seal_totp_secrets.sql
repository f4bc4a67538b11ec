-- TOTP secrets are no longer stored in clear (see docs/decisions/0011-totp-secrets-sealed.md).
-- totp_sealed: the secret under AES-256-GCM with a key derived (argon2id, totp_salt and
-- totp_kdf) from the member's password, so a copy of the database gives no second factor.
-- totp_clinic_sealed: a secret that was stored in clear before, sealed at start with HPKE to the
-- clinic public key until the member's next sign-in re-seals it under their password.
-- totp_secret stays only for that start-up step, which empties it.
ALTER TABLE staff ALTER COLUMN totp_secret DROP NOT NULL;
ALTER TABLE staff ADD COLUMN totp_sealed bytea;
ALTER TABLE staff ADD COLUMN totp_salt bytea;
ALTER TABLE staff ADD COLUMN totp_kdf jsonb;
ALTER TABLE staff ADD COLUMN totp_clinic_sealed bytea;

-- An open invite's secret is derived from its link's token (never stored), so the table keeps
-- none. A link opened before this step shows a new QR code: nobody enrolled with it yet.
ALTER TABLE staff_invites DROP COLUMN totp_secret;

-- Between the password and the code, the pending sign-in holds the secret sealed under a key
-- derived from its cookie token (never stored), as it holds the clinic key.
ALTER TABLE staff_sessions ADD COLUMN sealed_totp bytea;
