-- Append-only audit trail. Each entry carries the hash of the one before it, so an edit or a
-- deletion breaks the chain (`npm run clinic -- audit verify`). Nothing here is patient data.
CREATE TABLE audit_log (
  id bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_email text,
  action text NOT NULL,
  target text,
  address text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);

-- The application only ever inserts; these rules make an UPDATE or DELETE through SQL a no-op
-- error for the app's role rather than a silent rewrite (a superuser can still drop them, which
-- the hash chain then exposes).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
