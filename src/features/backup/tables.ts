/**
 * Which tables a backup holds, in the order a restore inserts them (parents before the tables
 * whose foreign keys point at them), and which it leaves out on purpose, with the reason.
 * Every table of the schema must be in exactly one of the two lists: tables.db.test.ts fails
 * when a migration adds one that is in neither, and a backup refuses to run (checkTableList).
 */

export type BackedUpTable = {
  name: string;
  /** Rows left out of this table, when some are session-like (SQL condition on the table's columns). */
  where?: string;
};

export const BACKED_UP_TABLES: readonly BackedUpTable[] = [
  { name: 'staff' },
  { name: 'staff_recovery_codes' },
  { name: 'clinic_keys' },
  // An invite's key copy goes with its invite (left out below); the other copies open everything.
  { name: 'key_wraps', where: 'invite_id IS NULL' },
  // Form-token, proof-of-work and address-hash secrets: kept so forms open in browsers during a
  // move still post, and a resend across the move still finds its request (idempotency).
  { name: 'app_secrets' },
  { name: 'requests' },
  { name: 'request_status_changes' },
  { name: 'call_attempts' },
  { name: 'request_notes' },
  // Sealed like the requests (the key with HPKE to the clinic key, the entries under it): a
  // restored inbox searches at once instead of opening every request again.
  { name: 'request_search_keys' },
  { name: 'request_search_entries' },
  // Notices not yet e-mailed are sent by the restored server; sent ones stop duplicates.
  { name: 'notification_outbox' },
  // Raw events hold no address and no identifier beyond a hash whose daily salt is not backed
  // up; they are kept so the rollups of their days can still be recomputed.
  { name: 'analytics_events' },
  { name: 'analytics_dirty_days' },
  { name: 'analytics_daily_totals' },
  { name: 'analytics_daily_breakdowns' },
  { name: 'analytics_visits' },
  { name: 'analytics_daily_campaigns' },
  { name: 'analytics_daily_campaign_totals' },
  { name: 'analytics_daily_campaign_breakdowns' },
  // Append-only and hash-chained: every column is copied as stored, so the chain still verifies.
  { name: 'audit_log' },
];

/** Tables a backup never holds, and why. */
export const LEFT_OUT_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: 'the restoring code migrates its database itself',
  staff_sessions: 'a restored backup must not bring back signed-in sessions',
  staff_invites:
    'an invite link is a live credential like a session: an old backup would reopen links used or replaced since; send a new invite',
  staff_drafts: 'forms kept for an hour across an expired session: transient, session-bound',
  signin_throttle: 'transient counters of failed sign-ins',
  rate_limits: 'transient counters of the current minutes',
  stats_api_tokens:
    'a stats-API token is a live credential: an old backup would bring back tokens revoked since; an admin creates new ones after a restore',
  request_search_snapshots:
    "the inbox's search snapshot is derived from the search entries (backed up): the first session after a restore rebuilds it",
  health_probe: "the readiness check's one scratch row, rewritten every few seconds",
  analytics_salts:
    "the day's visitor salt is deleted when the day turns so no visitor id outlives a day; a copy in a backup would break that promise",
};

/** The backed-up table of that name, or undefined (a file must never choose what SQL runs on). */
export function backedUpTable(name: string): BackedUpTable | undefined {
  return BACKED_UP_TABLES.find((table) => table.name === name);
}

/** Tables in the database that neither list mentions: a backup without them would be silently incomplete. */
export function unclassifiedTables(tablesInDatabase: readonly string[]): string[] {
  return tablesInDatabase.filter((name) => !backedUpTable(name) && !(name in LEFT_OUT_TABLES)).sort();
}
