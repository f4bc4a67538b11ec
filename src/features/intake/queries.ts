import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, RawSql } from '../../db/client.ts';
import { appSecrets, requests } from './schema.ts';

/**
 * The random secret named `name`, made on first use. Two instances starting together both try to
 * insert; ON CONFLICT keeps the first and both read the same one back.
 */
export async function getAppSecret(db: Database, name: string): Promise<Uint8Array> {
  await db.query('INSERT INTO app_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32),
  ]);
  const rows = await db.orm
    .select({ secret: appSecrets.secret })
    .from(appSecrets)
    .where(eq(appSecrets.name, name));
  const secret = rows[0]?.secret;
  if (!secret) throw new Error(`app secret ${name} was not stored`);
  return secret;
}

/** What the thank-you page needs about a stored request: nothing the patient typed. */
export type StoredRequest = { reference: string; receivedAt: Date; locale: 'en' | 'es' };

export async function findRequestByKey(db: Database, idempotencyKey: string): Promise<StoredRequest | null> {
  const rows = await db.orm
    .select({ reference: requests.reference, receivedAt: requests.receivedAt, locale: requests.locale })
    .from(requests)
    .where(eq(requests.idempotencyKey, idempotencyKey));
  return rows[0] ?? null;
}

export async function findRequestByReference(db: Database, reference: string): Promise<StoredRequest | null> {
  const rows = await db.orm
    .select({ reference: requests.reference, receivedAt: requests.receivedAt, locale: requests.locale })
    .from(requests)
    .where(eq(requests.reference, reference));
  return rows[0] ?? null;
}

export type NewRequest = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  sourcePage: string | null;
  campaign: string | null;
  idempotencyKey: string;
  sealed: Uint8Array;
};

/**
 * Inserts a request unless one with its idempotency key exists, inside the caller's transaction.
 * @returns the reference of the stored request, and whether this call created it
 */
export async function insertRequestOnce(
  sql: RawSql,
  row: NewRequest,
): Promise<{ reference: string; created: boolean }> {
  const inserted = await sql.query<{ reference: string }>(
    `INSERT INTO requests (id, reference, received_at, locale, source_page, campaign, idempotency_key, sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING reference`,
    [
      row.id,
      row.reference,
      row.receivedAt,
      row.locale,
      row.sourcePage,
      row.campaign,
      row.idempotencyKey,
      Buffer.from(row.sealed.buffer, row.sealed.byteOffset, row.sealed.byteLength),
    ],
  );
  if (inserted[0]) return { reference: inserted[0].reference, created: true };
  // A concurrent post of the same form committed first; ON CONFLICT waited for it, so it is visible.
  const existing = await sql.query<{ reference: string }>(
    'SELECT reference FROM requests WHERE idempotency_key = $1',
    [row.idempotencyKey],
  );
  if (!existing[0]) throw new Error('request with this idempotency key vanished');
  return { reference: existing[0].reference, created: false };
}
