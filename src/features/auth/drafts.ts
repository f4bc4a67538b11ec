import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { getClinicPublicKey, openSealed, sealForClinic } from '../keys/index.ts';
import { DRAFT_LIFETIME_MS } from './session-policy.ts';
import { safeReturnPath } from './return-path.ts';

/**
 * A form a member posted after their session had ended, kept so they can send it again after
 * signing in. It may hold patient data (a note), so it is never stored in clear: it is sealed
 * with HPKE to the clinic public key (sealForClinic), which anyone may use but only the clinic
 * private key opens, and that exists only inside a signed-in session. We chose sealing over
 * carrying the form through the sign-in pages: those pages would then hold patient data in
 * hidden fields, and a second browser tab would lose it.
 * Secrets are never kept: fields named like passwords, codes or tokens are dropped.
 */
export type Draft = { path: string; fields: [name: string, value: string][] };

const DraftSchema = z.object({
  path: z.string(),
  fields: z.array(z.tuple([z.string().max(100), z.string().max(40_000)])).max(100),
});

const SECRET_FIELD = /csrf|pass|code|token|secret|recovery/i;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const aadFor = (id: string) => utf8(`clinic-site staff-draft v1 ${id}`);

/** The fields worth keeping from a parsed form body (strings only; secrets dropped). */
export function draftFields(body: Record<string, unknown>): Draft['fields'] {
  const fields: Draft['fields'] = [];
  for (const [name, value] of Object.entries(body)) {
    if (SECRET_FIELD.test(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') fields.push([name, v]);
  }
  return fields;
}

/** At most this many kept forms per member (the oldest goes), each at most this size. */
export const DRAFTS_PER_MEMBER = 5;
export const MAX_DRAFT_BYTES = 64 * 1024;

/**
 * Seals and stores a draft for the member whose session just ended; returns its id, or null when
 * there is nothing to keep (no fields, not a staff path, too large) or no clinic key yet. A
 * member keeps at most DRAFTS_PER_MEMBER: the oldest goes first.
 */
export async function preserveDraft(db: Database, draft: Draft, staffId: string, now: Date) {
  const path = safeReturnPath(draft.path);
  if (draft.fields.length === 0 || path !== draft.path) return null;
  const plaintext = utf8(JSON.stringify({ path, fields: draft.fields }));
  if (plaintext.length > MAX_DRAFT_BYTES || !DraftSchema.safeParse({ path, fields: draft.fields }).success)
    return null;
  const publicKey = await getClinicPublicKey(db);
  if (!publicKey) return null;
  const id = randomUUID();
  const sealed = await sealForClinic(publicKey, plaintext, aadFor(id));
  await db.rawTransaction(async (sql) => {
    await sql.query(
      'INSERT INTO staff_drafts (id, staff_id, sealed, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [id, staffId, Buffer.from(sealed), now, new Date(now.getTime() + DRAFT_LIFETIME_MS)],
    );
    await sql.query(
      `DELETE FROM staff_drafts WHERE staff_id = $1 AND id NOT IN (
         SELECT id FROM staff_drafts WHERE staff_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
      [staffId, DRAFTS_PER_MEMBER],
    );
  });
  return id;
}

/**
 * Opens a kept draft for the member now signed in: null when it is unknown, expired, or kept
 * for another member (only the member whose session ended gets it back).
 */
export async function openDraft(
  db: Database,
  id: string,
  staffId: string,
  privateKey: Uint8Array,
  now: Date,
) {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db.query<{ sealed: Uint8Array }>(
    'SELECT sealed FROM staff_drafts WHERE id = $1 AND expires_at > $2 AND staff_id = $3',
    [id, now, staffId],
  );
  if (!row) return null;
  const plaintext = await openSealed(privateKey, new Uint8Array(row.sealed), aadFor(id));
  const parsed = DraftSchema.safeParse(JSON.parse(Buffer.from(plaintext).toString('utf8')));
  return parsed.success ? (parsed.data as Draft) : null;
}

/** Deletes drafts past their lifetime. */
export async function deleteExpiredDrafts(db: Pick<Database, 'query'>, now: Date): Promise<number> {
  return (await db.query('DELETE FROM staff_drafts WHERE expires_at <= $1 RETURNING id', [now])).length;
}
