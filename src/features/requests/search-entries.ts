import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { getClinicKey, openSealed, sealForClinic } from '../keys/index.ts';
import { byteaParam } from './queries.ts';
import type { RequestFields } from './record.ts';
import { openRequestFields } from './sealing.ts';

/**
 * The search entries (docs/decisions/0010-inbox-search-over-sealed-data.md): the few things of a
 * request the inbox lists and searches (name, phone, e-mail, how and when to reach the patient),
 * AES-256-GCM under the clinic's search key with the request id as associated data. The search
 * key is sealed with HPKE to the clinic public key: one HPKE open per session gives it, then an
 * entry opens in microseconds where a whole request takes over a millisecond.
 */

/** What the inbox shows and searches of a request; the rest stays in the sealed document. */
export type SearchEntry = {
  givenName: string;
  familyName: string;
  /** E.164, or null. */
  tel: string | null;
  email: string | null;
  contactMethod: RequestFields['contactMethod'];
  bestTime: RequestFields['bestTime'];
  language: RequestFields['language'];
  languageOther: string | null;
};

export function entryOf(fields: RequestFields): SearchEntry {
  return {
    givenName: fields.givenName,
    familyName: fields.familyName,
    tel: fields.tel ?? null,
    email: fields.email ?? null,
    contactMethod: fields.contactMethod,
    bestTime: fields.bestTime,
    language: fields.language,
    languageOther: fields.languageOther ?? null,
  };
}

const NONCE = 12;
const TAG = 16;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const entryAad = (requestId: string) => utf8(`clinic-site search entry v1 ${requestId}`);
const keyAad = (clinicKeyId: string) => utf8(`clinic-site search key v1 ${clinicKeyId}`);

/** nonce ‖ ciphertext ‖ tag. */
export function sealEntry(searchKey: Uint8Array, requestId: string, entry: SearchEntry): Uint8Array {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', searchKey, nonce, { authTagLength: TAG });
  cipher.setAAD(entryAad(requestId));
  const body = Buffer.concat([cipher.update(JSON.stringify(entry), 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

/** The entry, or null when it does not open under this key and id (altered, or another key). */
export function openEntry(searchKey: Uint8Array, requestId: string, sealed: Uint8Array): SearchEntry | null {
  if (sealed.byteLength <= NONCE + TAG) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', searchKey, sealed.subarray(0, NONCE), {
      authTagLength: TAG,
    });
    decipher.setAAD(entryAad(requestId));
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG));
    const body = sealed.subarray(NONCE, sealed.byteLength - TAG);
    const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    return JSON.parse(text) as SearchEntry;
  } catch {
    return null;
  }
}

/** The clinic's search key and the clinic key it is sealed to. */
export type SearchKey = { clinicKeyId: string; key: Uint8Array };

/**
 * The search key, opened with the clinic private key; made (and sealed to the clinic public key)
 * the first time it is needed. Null before set-up.
 */
export async function openSearchKey(
  db: Database,
  privateKey: Uint8Array,
  now: Date,
): Promise<SearchKey | null> {
  const clinicKey = await getClinicKey(db);
  if (!clinicKey) return null;
  const read = () =>
    db.query<{ sealed: Uint8Array }>('SELECT sealed FROM request_search_keys WHERE clinic_key_id = $1', [
      clinicKey.id,
    ]);
  let [row] = await read();
  if (!row) {
    const fresh = randomBytes(32);
    const sealed = await sealForClinic(clinicKey.publicKey, fresh, keyAad(clinicKey.id));
    fresh.fill(0);
    // Two sessions may race here: the first insert wins and both read it back.
    await db.query(
      `INSERT INTO request_search_keys (clinic_key_id, sealed, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (clinic_key_id) DO NOTHING`,
      [clinicKey.id, byteaParam(sealed), now],
    );
    [row] = await read();
    if (!row) throw new Error('the search key was not stored');
  }
  const key = await openSealed(privateKey, new Uint8Array(row.sealed), keyAad(clinicKey.id));
  return { clinicKeyId: clinicKey.id, key };
}

/** A request as the session's search index holds it: clear metadata and its opened entry. */
export type IndexedRequest = { id: string; reference: string; entry: SearchEntry | null };

type EntryRow = { id: string; reference: string; entry: Uint8Array | null };

/** The clinic private key when a request has to be opened whole: asked for only then. */
export type PrivateKeySource = () => Promise<Uint8Array>;

/**
 * Every request that still has its details (or only those received after `since`, the session
 * index's high-water mark), with its entry opened. A request without an entry yet (or
 * one that does not open) is opened whole with the clinic private key, once, and its entry
 * stored, so the next session finds it ready.
 */
export async function loadSearchEntries(
  db: Database,
  searchKey: SearchKey,
  privateKey: PrivateKeySource,
  since: Date | null = null,
): Promise<IndexedRequest[]> {
  const rows = await db.query<EntryRow>(
    `SELECT r.id::text AS id, r.reference, e.sealed AS entry
     FROM requests r LEFT JOIN request_search_entries e ON e.request_id = r.id AND e.clinic_key_id = $1
     WHERE r.status <> 'purged' AND ($2::timestamptz IS NULL OR r.received_at > $2)`,
    [searchKey.clinicKeyId, since?.toISOString() ?? null],
  );
  const opened = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    entry: r.entry ? openEntry(searchKey.key, r.id, new Uint8Array(r.entry)) : null,
  }));
  const missing = opened.filter((r) => r.entry === null).map((r) => r.id);
  if (missing.length > 0) {
    const made = await indexRequests(db, searchKey, privateKey, missing);
    for (const r of opened) r.entry ??= made.get(r.id) ?? null;
  }
  return opened;
}

/**
 * The opened entries of these requests (the rows a list page shows), making any that is missing.
 * @returns entry per request id; a purged request or one that does not open has none
 */
export async function openSearchEntries(
  db: Database,
  searchKey: SearchKey,
  privateKey: PrivateKeySource,
  ids: string[],
): Promise<Map<string, SearchEntry>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; entry: Uint8Array | null }>(
    `SELECT r.id::text AS id, e.sealed AS entry
     FROM requests r LEFT JOIN request_search_entries e ON e.request_id = r.id AND e.clinic_key_id = $1
     WHERE r.id = ANY (string_to_array($2, ',')::uuid[]) AND r.status <> 'purged'`,
    [searchKey.clinicKeyId, ids.join(',')],
  );
  const entries = new Map<string, SearchEntry>();
  const missing: string[] = [];
  for (const r of rows) {
    const entry = r.entry ? openEntry(searchKey.key, r.id, new Uint8Array(r.entry)) : null;
    if (entry) entries.set(r.id, entry);
    else missing.push(r.id);
  }
  if (missing.length === 0) return entries;
  for (const [id, entry] of await indexRequests(db, searchKey, privateKey, missing)) entries.set(id, entry);
  return entries;
}

/** Opens these requests whole and stores their entries; those that do not open are left out. */
async function indexRequests(
  db: Database,
  searchKey: SearchKey,
  privateKeyOf: PrivateKeySource,
  ids: string[],
): Promise<Map<string, SearchEntry>> {
  const made = new Map<string, SearchEntry>();
  if (ids.length === 0) return made;
  const privateKey = await privateKeyOf();
  try {
    for (let start = 0; start < ids.length; start += 200) {
      const batch = ids.slice(start, start + 200);
      const rows = await db.query<{ id: string; sealed: Uint8Array }>(
        `SELECT id::text AS id, sealed FROM requests
         WHERE id = ANY (string_to_array($1, ',')::uuid[]) AND status <> 'purged'`,
        [batch.join(',')],
      );
      const sealedEntries: [string, Uint8Array][] = [];
      for (const row of rows) {
        const fields = await openRequestFields(privateKey, {
          id: row.id,
          sealed: new Uint8Array(row.sealed),
        }).catch(() => null);
        if (!fields) continue;
        const entry = entryOf(fields);
        made.set(row.id, entry);
        sealedEntries.push([row.id, sealEntry(searchKey.key, row.id, entry)]);
      }
      if (sealedEntries.length === 0) continue;
      // One statement per batch; a purge that ran meanwhile wins (the entry is not written back).
      await db.query(
        `INSERT INTO request_search_entries (request_id, clinic_key_id, sealed)
         SELECT r.id, $1, decode(x.sealed, 'base64')
         FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($3, ',')) AS x(id, sealed)
         JOIN requests r ON r.id = x.id AND r.status <> 'purged'
         ON CONFLICT (request_id) DO UPDATE SET clinic_key_id = EXCLUDED.clinic_key_id, sealed = EXCLUDED.sealed`,
        [
          searchKey.clinicKeyId,
          sealedEntries.map(([id]) => id).join(','),
          sealedEntries.map(([, sealed]) => Buffer.from(sealed).toString('base64')).join(','),
        ],
      );
    }
  } finally {
    privateKey.fill(0);
  }
  return made;
}

/**
 * What the session index compares to know whether it is current, in one cheap statement: how
 * many requests still have details, the latest arrival (the index's high-water mark) and the
 * latest purge (the partial index on purges keeps that a lookup).
 */
export type SearchIndexStamp = { live: number; lastArrival: string | null; lastPurge: string | null };

export async function searchIndexStamp(db: Database): Promise<SearchIndexStamp> {
  const [row] = await db.query<{
    live: string | number;
    last: Date | string | null;
    purged: Date | string | null;
  }>(
    `SELECT count(*) FILTER (WHERE status <> 'purged') AS live, max(received_at) AS last,
       (SELECT max(changed_at) FROM request_status_changes WHERE to_status = 'purged') AS purged
     FROM requests`,
  );
  const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
  return { live: Number(row?.live ?? 0), lastArrival: iso(row?.last), lastPurge: iso(row?.purged) };
}

/** The requests purged at or after `since` (all purged ones when null): the index drops them. */
export async function requestsPurgedSince(db: Database, since: string | null): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT request_id::text AS id FROM request_status_changes
     WHERE to_status = 'purged' AND ($1::timestamptz IS NULL OR changed_at >= $1)`,
    [since],
  );
  return rows.map((r) => r.id);
}
