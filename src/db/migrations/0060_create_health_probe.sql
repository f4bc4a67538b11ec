-- One row that /readyz rewrites every few seconds: a database that answers reads but refuses
-- writes (a full disk, read-only, a lost privilege) is not ready to take a request.
CREATE TABLE health_probe (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  written_at timestamptz NOT NULL
);
