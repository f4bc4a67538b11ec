import { customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Tables of the request form. src/db/migrations/0003_create_requests.sql is the source of truth
 * (checks); these mirror its columns for typed queries. Export only tables from this file:
 * src/db/migrate.db.test.ts compares each with the database.
 */

/** bytea as Uint8Array on both drivers (pg gives Buffer, PGlite Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/** One confidential request. Only metadata is clear; `sealed` holds what the patient typed. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey(),
    /** "7K3M-Q8ZD": shown to the patient, quoted on the phone. */
    reference: text('reference').notNull().unique(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    locale: text('locale', { enum: ['en', 'es'] }).notNull(),
    status: text('status').notNull().default('new'),
    sourcePage: text('source_page'),
    campaign: text('campaign'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** HPKE sealed JSON of RequestFields (request-fields.ts); associated data: the id as text. */
    sealed: bytea('sealed').notNull(),
  },
  (t) => [index('requests_received_at_idx').on(t.receivedAt)],
);

/** Secrets made at first use and shared by every instance. */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  secret: bytea('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
