import type { Database, RawSql } from '../../db/client.ts';
import {
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type AuditEvent,
  type ChainCheck,
} from './audit-chain.ts';

/** Serialises writers across every app instance, so two entries never claim the same predecessor. */
const AUDIT_LOCK = 7245171;

type Row = {
  id: string | number;
  at: Date | string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target: string | null;
  address: string | null;
  details: AuditEvent['details'];
  prev_hash: string;
  hash: string;
};

const toEntry = (r: Row): AuditEntry => ({
  id: Number(r.id),
  at: new Date(r.at),
  actorId: r.actor_id,
  actorEmail: r.actor_email,
  action: r.action,
  target: r.target,
  address: r.address,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends one entry inside the caller's transaction, so the entry commits (or not) together
 * with the change it records.
 */
export async function appendAudit(sql: RawSql, event: AuditEvent, now: Date): Promise<AuditEntry> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await sql.query<{ id: string | number; hash: string }>(
    'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
  );
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Milliseconds only: what JavaScript dates hold, so the hash recomputes from the stored row.
  const at = new Date(Math.floor(now.getTime()));
  const entry = { id: Number(last?.id ?? 0) + 1, at, ...event };
  const hash = entryHash(prevHash, entry);
  await sql.query(
    `INSERT INTO audit_log (id, at, actor_id, actor_email, action, target, address, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      entry.id,
      at.toISOString(),
      event.actorId,
      event.actorEmail,
      event.action,
      event.target,
      event.address,
      JSON.stringify(event.details),
      prevHash,
      hash,
    ],
  );
  return { ...entry, prevHash, hash };
}

/** Appends one entry in a transaction of its own (for events that change nothing else, like a view). */
export function recordAudit(db: Database, event: AuditEvent, now: Date): Promise<AuditEntry> {
  return db.rawTransaction((sql) => appendAudit(sql, event, now));
}

export type AuditFilter = { actorId?: string; action?: string; target?: string; from?: Date; to?: Date };

/** Newest first, for the admin's audit view. */
export async function listAudit(
  db: Database,
  filter: AuditFilter,
  limit = 50,
  offset = 0,
): Promise<AuditEntry[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM audit_log
     WHERE ($1::uuid IS NULL OR actor_id = $1)
       AND ($2::text IS NULL OR starts_with(action, $2))
       AND ($3::text IS NULL OR target = $3)
       AND ($4::timestamptz IS NULL OR at >= $4)
       AND ($5::timestamptz IS NULL OR at < $5)
     ORDER BY id DESC LIMIT $6 OFFSET $7`,
    [
      filter.actorId || null,
      filter.action || null,
      filter.target || null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      limit,
      offset,
    ],
  );
  return rows.map(toEntry);
}

/** Checks the whole chain from the first entry. */
export async function verifyAudit(db: Database): Promise<ChainCheck> {
  const rows = await db.query<Row>('SELECT * FROM audit_log ORDER BY id');
  return verifyChain(rows.map(toEntry));
}
