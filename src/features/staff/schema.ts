import { customType, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Invite links (migration 0007_create_staff_sessions.sql is the source of truth). Queries use
 * plain SQL; this definition keeps the migration test comparing columns. Export only tables.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const staffInvites = pgTable('staff_invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'coordinator', 'marketing'] }).notNull(),
  staffId: uuid('staff_id'),
  tokenHash: bytea('token_hash').notNull().unique(),
  totpSecret: text('totp_secret').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
