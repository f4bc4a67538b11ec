import { customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Tables of the staff inbox's workflow. src/db/migrations/0009_create_request_workflow.sql is the
 * source of truth (checks, foreign keys); these mirror its columns for typed queries. Export only
 * tables from this file: src/db/migrate.db.test.ts compares each with the database.
 */

/** bytea as Uint8Array on both drivers (pg gives Buffer, PGlite Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/** Every status change of a request: who (null for the retention job) and when. */
export const requestStatusChanges = pgTable(
  'request_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('request_status_changes_request_idx').on(t.requestId, t.changedAt)],
);

/** A call-back attempt and its outcome. */
export const callAttempts = pgTable(
  'call_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: ['reached', 'voicemail', 'no_answer', 'wrong_number'] }).notNull(),
    loggedBy: uuid('logged_by').notNull(),
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('call_attempts_request_idx').on(t.requestId, t.calledAt)],
);

/** A staff note: HPKE-sealed text (associated data: the note id as text); author and time in clear. */
export const requestNotes = pgTable(
  'request_notes',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    writtenBy: uuid('written_by').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
    sealed: bytea('sealed').notNull(),
  },
  (t) => [index('request_notes_request_idx').on(t.requestId, t.writtenAt)],
);
