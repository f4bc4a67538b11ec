import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Written by the migrator (src/db/migrate.ts): one row per applied migration file. */
export const schemaMigrations = pgTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Fixed-window counters shared by every app instance; see src/lib/rate-limit.ts. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

export * from '../features/keys/schema.ts';
export * from '../features/notify/schema.ts';
export * from '../features/audit/schema.ts';
export * from '../features/auth/schema.ts';
export * from '../features/staff/schema.ts';
export * from '../features/analytics/schema.ts';
