import { bigint, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * Staff notifications waiting to be sent (src/db/migrations/0004_create_notification_outbox.sql).
 * Only non-identifying metadata: the request id, its page language and when it arrived.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ['new_request'] }).notNull(),
    requestId: text('request_id').notNull(),
    locale: text('locale', { enum: ['en', 'es'] }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [unique().on(t.kind, t.requestId)],
);
