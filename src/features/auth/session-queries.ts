import type { RawSql } from '../../db/client.ts';
import type { StaffRole } from './roles.ts';

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

/** A session with what the middleware needs to know about its member. */
export type SessionRow = {
  id: string;
  staffId: string;
  email: string;
  role: StaffRole;
  memberDisabled: boolean;
  stage: 'pending' | 'active';
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  sealedKey: Uint8Array | null;
  /** A pending session's TOTP secret, sealed under its cookie token. */
  sealedTotp: Uint8Array | null;
};

type Raw = {
  id: string;
  staff_id: string;
  email: string;
  role: StaffRole;
  disabled_at: Date | string | null;
  stage: 'pending' | 'active';
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  sealed_key: Uint8Array | null;
  sealed_totp: Uint8Array | null;
};

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export async function findSession(db: Query, tokenHash: Uint8Array): Promise<SessionRow | null> {
  const [r] = await db.query<Raw>(
    `SELECT s.id, s.staff_id, m.email, m.role, m.disabled_at, s.stage, s.created_at, s.last_seen_at,
            s.expires_at, s.sealed_key, s.sealed_totp
     FROM staff_sessions s JOIN staff m ON m.id = s.staff_id WHERE s.token_hash = $1`,
    [bytes(tokenHash)],
  );
  if (!r) return null;
  return {
    id: r.id,
    staffId: r.staff_id,
    email: r.email,
    role: r.role,
    memberDisabled: r.disabled_at !== null,
    stage: r.stage,
    createdAt: new Date(r.created_at),
    lastSeenAt: new Date(r.last_seen_at),
    expiresAt: new Date(r.expires_at),
    sealedKey: r.sealed_key ? new Uint8Array(r.sealed_key) : null,
    sealedTotp: r.sealed_totp ? new Uint8Array(r.sealed_totp) : null,
  };
}

export type NewSession = {
  id: string;
  tokenHash: Uint8Array;
  staffId: string;
  now: Date;
  expiresAt: Date;
  sealedKey: Uint8Array | null;
  sealedTotp: Uint8Array | null;
  address: string;
};

/** Starts a pending session: the password was right, the one-time code is still to come. */
export async function insertPendingSession(db: Query, s: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO staff_sessions (id, token_hash, staff_id, stage, created_at, last_seen_at, expires_at, sealed_key, address, sealed_totp)
     VALUES ($1, $2, $3, 'pending', $4, $4, $5, $6, $7, $8)`,
    [
      s.id,
      bytes(s.tokenHash),
      s.staffId,
      s.now,
      s.expiresAt,
      s.sealedKey ? bytes(s.sealedKey) : null,
      s.address,
      s.sealedTotp ? bytes(s.sealedTotp) : null,
    ],
  );
}

/**
 * Turns a pending session into a signed-in one under a new token (and the key resealed under
 * it). True only for the one call that did it, so a code posted twice signs in once.
 */
export async function activateSession(
  db: Query,
  id: string,
  next: { tokenHash: Uint8Array; sealedKey: Uint8Array | null; now: Date; expiresAt: Date },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE staff_sessions SET stage = 'active', token_hash = $2, sealed_key = $3, sealed_totp = NULL, created_at = $4,
       last_seen_at = $4, expires_at = $5
     WHERE id = $1 AND stage = 'pending' RETURNING id`,
    [id, bytes(next.tokenHash), next.sealedKey ? bytes(next.sealedKey) : null, next.now, next.expiresAt],
  );
  return rows.length === 1;
}

/** Restarts the idle timer. */
export async function touchSession(db: Query, id: string, now: Date): Promise<void> {
  await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
}

/** Ends one session; its sealed copy of the key goes with the row. */
export async function deleteSession(db: Query, id: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE id = $1', [id]);
  sessionsEnded([id]);
}

const endListeners = new Set<(sessionIds: string[]) => void>();

/**
 * Calls `listener` with the ids of sessions this process ends (sign-out, expiry seen, sign-out
 * everywhere), so what a feature keeps in memory for a session is dropped with it.
 * @example onSessionsEnded((ids) => ids.forEach((id) => cache.delete(id)));
 */
export function onSessionsEnded(listener: (sessionIds: string[]) => void): void {
  endListeners.add(listener);
}

function sessionsEnded(ids: string[]): void {
  if (ids.length > 0) for (const listener of endListeners) listener(ids);
}

/** Ends a signed-in session but keeps its row (without the key) to name its member for a while. */
export async function endSession(db: Query, id: string): Promise<void> {
  await db.query('UPDATE staff_sessions SET sealed_key = NULL WHERE id = $1', [id]);
}

/** Ends every session of a member (sign-out everywhere, disable, reset), optionally but one. */
export async function deleteSessionsOf(
  db: Query,
  staffId: string,
  exceptId: string | null = null,
): Promise<number> {
  const rows = await db.query(
    'DELETE FROM staff_sessions WHERE staff_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id',
    [staffId, exceptId],
  );
  sessionsEnded(rows.map((row) => String((row as { id: unknown }).id)));
  return rows.length;
}

/**
 * Sessions past their absolute end or idle for longer than `idleMs` lose their sealed keys at
 * once; the rows go `keepEndedMs` later (a pending one at once), so until then a form posted
 * after the end is kept for its member.
 * @returns how many rows were deleted
 */
export async function deleteExpiredSessions(
  db: Query,
  now: Date,
  idleMs: number,
  keepEndedMs = 0,
): Promise<number> {
  await db.query(
    `UPDATE staff_sessions SET sealed_key = NULL
     WHERE sealed_key IS NOT NULL AND (expires_at <= $1 OR (stage = 'active' AND last_seen_at <= $2))`,
    [now, new Date(now.getTime() - idleMs)],
  );
  const kept = new Date(now.getTime() - keepEndedMs);
  const rows = await db.query(
    `DELETE FROM staff_sessions
     WHERE (stage = 'pending' AND expires_at <= $1)
        OR expires_at <= $2 OR (stage = 'active' AND last_seen_at <= $3) RETURNING id`,
    [now, kept, new Date(kept.getTime() - idleMs)],
  );
  return rows.length;
}
