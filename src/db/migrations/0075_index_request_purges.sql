-- The inbox's session search index (docs/decisions/0010-inbox-search-over-sealed-data.md) asks on
-- every list page when the last purge was, to drop purged requests from memory without reading
-- every request again: this keeps that question a lookup however long the history grows.
CREATE INDEX request_status_changes_purged_idx ON request_status_changes (changed_at)
  WHERE to_status = 'purged';
