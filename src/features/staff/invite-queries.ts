/** SQL for invite links (staff_invites), on a database or in a transaction. */
import type { RawSql } from '../../db/client.ts';
import type { StaffRole } from '../auth/index.ts';

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

export type Invite = {
  id: string;
  email: string;
  role: StaffRole;
  /** The member a reset re-enrols; null for a new member. */
  staffId: string | null;
  createdAt: Date;
  expiresAt: Date;
};

type InviteRaw = {
  id: string;
  email: string;
  role: StaffRole;
  staff_id: string | null;
  created_at: Date | string;
  expires_at: Date | string;
};

const INVITE = 'SELECT id, email, role, staff_id, created_at, expires_at FROM staff_invites';
const invite = (r: InviteRaw): Invite => ({
  id: r.id,
  email: r.email,
  role: r.role,
  staffId: r.staff_id,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
});
const bytes = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export async function listOpenInvites(db: Query, now: Date): Promise<Invite[]> {
  return (await db.query<InviteRaw>(`${INVITE} WHERE expires_at > $1 ORDER BY created_at DESC`, [now])).map(
    invite,
  );
}

/** The open invite a token belongs to, or null (unknown, used, replaced or expired). */
export async function findInviteByToken(db: Query, tokenHash: Uint8Array, now: Date): Promise<Invite | null> {
  const [r] = await db.query<InviteRaw>(`${INVITE} WHERE token_hash = $1 AND expires_at > $2`, [
    bytes(tokenHash),
    now,
  ]);
  return r ? invite(r) : null;
}

/** Locks an invite row until the transaction ends; null when it is gone (used meanwhile). */
export async function lockInvite(sql: Query, id: string): Promise<Invite | null> {
  const [r] = await sql.query<InviteRaw>(`${INVITE} WHERE id = $1 FOR UPDATE`, [id]);
  return r ? invite(r) : null;
}

export async function insertInvite(
  sql: Query,
  row: Omit<Invite, 'id'> & { tokenHash: Uint8Array; createdBy: string | null },
): Promise<string> {
  // One open link per address: a newer invite or reset replaces the older one (and its key copy).
  await sql.query('DELETE FROM staff_invites WHERE email = $1', [row.email]);
  const [r] = await sql.query<{ id: string }>(
    `INSERT INTO staff_invites (email, role, staff_id, token_hash, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [row.email, row.role, row.staffId, bytes(row.tokenHash), row.createdBy, row.createdAt, row.expiresAt],
  );
  if (!r) throw new Error('insert into staff_invites returned no row');
  return r.id;
}

export async function findInviteById(db: Query, id: string): Promise<Invite | null> {
  const [r] = await db.query<InviteRaw>(`${INVITE} WHERE id = $1`, [id]);
  return r ? invite(r) : null;
}

/** Deletes an invite, with its copy of the clinic key (ON DELETE CASCADE). */
export async function deleteInvite(sql: Query, id: string): Promise<void> {
  await sql.query('DELETE FROM staff_invites WHERE id = $1', [id]);
}

export async function deleteInvitesOf(sql: Query, email: string): Promise<void> {
  await sql.query('DELETE FROM staff_invites WHERE email = $1', [email]);
}

export async function deleteExpiredInvites(db: Query, now: Date): Promise<number> {
  return (await db.query('DELETE FROM staff_invites WHERE expires_at <= $1 RETURNING id', [now])).length;
}
