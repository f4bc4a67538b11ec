-- Fixed-window counters shared by every app instance (form posts, sign-in attempts, the collector).
CREATE TABLE rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limits_window_start_idx ON rate_limits (window_start);
