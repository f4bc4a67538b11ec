import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Sign-in tables (migration 0007_create_staff_sessions.sql is the source of truth, with its
 * checks and indexes). Queries here use plain SQL; these definitions keep the migration test
 * comparing columns. Export only tables from this file.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: bytea('token_hash').notNull().unique(),
    staffId: uuid('staff_id').notNull(),
    stage: text('stage', { enum: ['pending', 'active'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    sealedKey: bytea('sealed_key'),
    address: text('address'),
  },
  (t) => [index('staff_sessions_staff_id_idx').on(t.staffId)],
);

export const signinThrottle = pgTable('signin_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
});

export const staffDrafts = pgTable('staff_drafts', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id'),
  sealed: bytea('sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
