import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { byteaParam } from './queries.ts';
import type { SearchIndexStamp, SearchKey } from './search-entries.ts';

/**
 * The search snapshot (docs/decisions/0010-inbox-search-over-sealed-data.md): the inbox's search
 * items of every request as one AES-256-GCM blob under the clinic search key, with the stamp of
 * the requests it reflects inside it, so a session's first search opens one blob and reads the
 * requests that arrived since, instead of opening an entry per request. The items are the
 * inbox's business; here they are a sealed JSON value.
 */
export type SearchSnapshot = { stamp: SearchIndexStamp; items: unknown };

const NONCE = 12;
const TAG = 16;
const aad = (clinicKeyId: string) => Buffer.from(`clinic-site search snapshot v1 ${clinicKeyId}`, 'utf8');

/** The snapshot under this search key, or null when there is none or it does not open. */
export async function loadSearchSnapshot(db: Database, searchKey: SearchKey): Promise<SearchSnapshot | null> {
  const [row] = await db.query<{ sealed: Uint8Array }>(
    'SELECT sealed FROM request_search_snapshots WHERE clinic_key_id = $1',
    [searchKey.clinicKeyId],
  );
  if (!row) return null;
  const sealed = Buffer.from(row.sealed);
  if (sealed.byteLength <= NONCE + TAG) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', searchKey.key, sealed.subarray(0, NONCE), {
      authTagLength: TAG,
    });
    decipher.setAAD(aad(searchKey.clinicKeyId));
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG));
    const body = Buffer.concat([
      decipher.update(sealed.subarray(NONCE, sealed.byteLength - TAG)),
      decipher.final(),
    ]);
    const value = JSON.parse(body.toString('utf8')) as Partial<SearchSnapshot> | null;
    return value?.stamp && 'items' in value ? { stamp: value.stamp, items: value.items } : null;
  } catch {
    return null;
  }
}

/**
 * Stores the snapshot of the requests as `snapshot.stamp` describes them, unless a purge ran
 * since that stamp was read: a snapshot must never bring back details a purge deleted. The lock
 * on the search key's row orders this against the purge, which takes it before deleting snapshots.
 * @returns whether it was stored
 */
export async function saveSearchSnapshot(
  db: Database,
  searchKey: SearchKey,
  snapshot: SearchSnapshot,
  now: Date,
): Promise<boolean> {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', searchKey.key, nonce, { authTagLength: TAG });
  cipher.setAAD(aad(searchKey.clinicKeyId));
  const sealed = Buffer.concat([
    nonce,
    cipher.update(JSON.stringify(snapshot), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return db.rawTransaction(async (sql) => {
    const locked = await sql.query('SELECT 1 FROM request_search_keys WHERE clinic_key_id = $1 FOR UPDATE', [
      searchKey.clinicKeyId,
    ]);
    if (locked.length === 0) return false;
    const [purge] = await sql.query<{ last: Date | string | null }>(
      "SELECT max(changed_at) AS last FROM request_status_changes WHERE to_status = 'purged'",
    );
    const lastPurge = purge?.last ? new Date(purge.last).toISOString() : null;
    if (lastPurge !== snapshot.stamp.lastPurge) return false;
    await sql.query(
      `INSERT INTO request_search_snapshots (clinic_key_id, sealed, written_at) VALUES ($1, $2, $3)
       ON CONFLICT (clinic_key_id) DO UPDATE SET sealed = EXCLUDED.sealed, written_at = EXCLUDED.written_at`,
      [searchKey.clinicKeyId, byteaParam(sealed), now],
    );
    return true;
  });
}
