import type { Database } from '../../src/db/client.ts';
import { getClinicPublicKey } from '../../src/features/keys/index.ts';
import { storeRequest } from '../../src/features/requests/index.ts';
import type { RequestFields } from '../../src/features/requests/index.ts';
import { buildRequestFields, newMarker } from './patient.ts';

let sequence = 0;

export type StoredTestRequest = { id: string; reference: string; marker: string; receivedAt: Date };

/**
 * Stores a request as the form does (sealed to the clinic key, with its staff notice), with a
 * unique marker in every free-text field; then sets its status if asked. Needs set-up done.
 * @example const r = await insertTestRequest(db, { receivedAt: new Date('2026-11-20T10:00:00Z'), status: 'closed' });
 */
export async function insertTestRequest(
  db: Database,
  options: { receivedAt?: Date; locale?: 'en' | 'es'; status?: string; fields?: Partial<RequestFields> } = {},
): Promise<StoredTestRequest> {
  const publicKey = await clinicPublicKey(db);
  const marker = newMarker();
  const receivedAt = options.receivedAt ?? new Date();
  const { reference } = await storeRequest(db, publicKey, buildRequestFields(marker, options.fields), {
    receivedAt,
    locale: options.locale ?? 'en',
    sourcePage: null,
    campaign: null,
    idempotencyKey: `test-${process.pid}-${++sequence}-${Date.now()}`,
  });
  const [row] = await db.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE reference = $1', [
    reference,
  ]);
  if (!row) throw new Error('stored request not found');
  if (options.status)
    await db.query('UPDATE requests SET status = $2 WHERE id = $1', [row.id, options.status]);
  return { id: row.id, reference, marker, receivedAt };
}

/** The clinic public key; throws before set-up. */
export async function clinicPublicKey(db: Database): Promise<Uint8Array> {
  const key = await getClinicPublicKey(db);
  if (!key) throw new Error('set up the clinic first (setUpClinic)');
  return key;
}

/** The value, or a test failure saying what was missing. */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}

/** A staff member straight in the table (no password or key copy), for foreign keys and history. */
export async function insertTestStaff(db: Database, email: string, role = 'coordinator'): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO staff (email, role, password_hash, totp_secret) VALUES ($1, $2, 'x', 'x') RETURNING id::text AS id`,
    [email, role],
  );
  return row?.id ?? '';
}
