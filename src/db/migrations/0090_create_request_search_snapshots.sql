-- The inbox's search items of every request (request id and number, folded name, phone digits,
-- e-mail) in one AES-256-GCM blob under the clinic search key, with the stamp of the requests it
-- reflects sealed inside (docs/decisions/0010-inbox-search-over-sealed-data.md): a session's
-- first search opens this once instead of one entry per request. Derived from the search
-- entries, so a backup leaves it out; the purge deletes it with the details it purges.
CREATE TABLE request_search_snapshots (
  clinic_key_id uuid PRIMARY KEY REFERENCES request_search_keys (clinic_key_id) ON DELETE CASCADE,
  sealed bytea NOT NULL CHECK (octet_length(sealed) > 28),
  written_at timestamptz NOT NULL
);
