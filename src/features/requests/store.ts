import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { insertRequestOnce, type NewRequest, type VisitAttribution } from './queries.ts';
import type { RequestFields } from './record.ts';
import { sealRequestFields } from './sealing.ts';

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** "7K3M-Q8ZD": 40 random bits, easy to read aloud. */
export function newReference(): string {
  const chars = [...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export type RequestMeta = {
  receivedAt: Date;
  locale: 'en' | 'es';
  sourcePage: string | null;
  /** utm_campaign of the visit that sent the request. */
  campaign: string | null;
  /** The rest of where that visit began; left out when unknown. */
  attribution?: VisitAttribution;
  idempotencyKey: string;
};

/**
 * Seals what the patient typed to the clinic public key and stores it with the staff notices, in
 * one statement. Resolves only after the commit: the caller may then say "received".
 * A second call with the same idempotency key stores nothing and returns the first reference.
 */
export async function storeRequest(
  db: Database,
  publicKey: Uint8Array,
  fields: RequestFields,
  meta: RequestMeta,
): Promise<{ reference: string; created: boolean }> {
  return insertRequestOnce(db, await sealNewRequest(publicKey, fields, meta));
}

/** The row of a new request, what the patient typed sealed: for a caller that stores it itself. */
export async function sealNewRequest(
  publicKey: Uint8Array,
  fields: RequestFields,
  meta: RequestMeta,
): Promise<NewRequest> {
  const id = randomUUID();
  const sealed = await sealRequestFields(publicKey, id, fields);
  return { id, reference: newReference(), sealed, ...meta };
}
