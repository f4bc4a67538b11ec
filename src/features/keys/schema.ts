import { bigint, customType, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Tables of the clinic key pair and staff accounts. The SQL in
 * src/db/migrations/0002_create_keys_and_staff.sql is the source of truth (checks, partial
 * unique indexes); these definitions mirror its columns for typed queries.
 * Export only tables from this file: src/db/migrate.db.test.ts compares each with the database.
 */

/** bytea as Uint8Array on both drivers (pg gives Buffer, PGlite Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Always stored lower-cased (a CHECK enforces it); unique. */
  email: text('email').notNull().unique(),
  role: text('role', { enum: ['admin', 'coordinator', 'marketing'] }).notNull(),
  /** argon2id PHC string. */
  passwordHash: text('password_hash').notNull(),
  /** Base32 TOTP secret (RFC 6238). */
  totpSecret: text('totp_secret').notNull(),
  /** The last TOTP time step accepted, so a code signs in once (migration 0007). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    /** SHA-256 of the normalised code (see secrets.ts hashRecoveryCode). */
    codeHash: bytea('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.codeHash] })],
);

/** The clinic's X25519 key pair: the public half in clear, the private half only in key_wraps. */
export const clinicKeys = pgTable('clinic_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  publicKey: bytea('public_key').notNull(),
  /** Hash of the one-time set-up token while set-up is pending; null afterwards. */
  setupTokenHash: bytea('setup_token_hash'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  setupCompletedAt: timestamp('setup_completed_at', { withTimezone: true }),
});

/** Copies of the clinic private key, each encrypted under a key derived from one secret. */
export const keyWraps = pgTable('key_wraps', {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicKeyId: uuid('clinic_key_id')
    .notNull()
    .references(() => clinicKeys.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['setup', 'password', 'recovery', 'invite'] }).notNull(),
  /** The member whose password opens this copy (kind 'password'); null for the others. */
  staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'cascade' }),
  /** The invite whose token opens this copy (kind 'invite', migration 0007); null for the others. */
  inviteId: uuid('invite_id'),
  salt: bytea('salt').notNull(),
  /** KDF name and parameters (kdf.ts KdfParams), so they can change for new wraps. */
  params: jsonb('params').notNull(),
  nonce: bytea('nonce').notNull(),
  /** AES-256-GCM ciphertext followed by its tag. */
  ciphertext: bytea('ciphertext').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
