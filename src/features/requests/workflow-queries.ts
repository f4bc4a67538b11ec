import type { Database, RawSql } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import { byteaParam } from './queries.ts';
import type { CallOutcome, Status, WorkStatus } from './status.ts';

/**
 * The writes of the request page. Each runs in one transaction with its audit entry, so a change
 * is never stored without the record of who made it (and the other way round).
 */

/** Who is acting, and from where (for the audit trail). */
export type Actor = { staffId: string; email: string; address: string | null };

/** What a write found: done, the request is gone or purged, or someone changed it meanwhile. */
export type WriteResult = 'done' | 'not-found' | 'purged' | 'conflict';

const audit = (
  sql: RawSql,
  actor: Actor,
  action: string,
  requestId: string,
  details: Record<string, string>,
  now: Date,
) =>
  appendAudit(
    sql,
    {
      actorId: actor.staffId,
      actorEmail: actor.email,
      action,
      target: `request:${requestId}`,
      address: actor.address,
      details,
    },
    now,
  );

/** Locks the request row against a concurrent purge and reports its status. */
async function lockRequest(sql: RawSql, requestId: string): Promise<Status | null> {
  const rows = await sql.query<{ status: Status }>('SELECT status FROM requests WHERE id = $1 FOR UPDATE', [
    requestId,
  ]);
  return rows[0]?.status ?? null;
}

/**
 * Moves a request from `from` (the status the coordinator saw) to `to`. 'conflict' when another
 * member changed it in the meantime: the page then shows the current status instead.
 */
export function changeStatus(
  db: Database,
  change: { requestId: string; from: Status; to: WorkStatus; actor: Actor; now: Date },
): Promise<WriteResult> {
  const { requestId, from, to, actor, now } = change;
  return db.rawTransaction(async (sql) => {
    const current = await lockRequest(sql, requestId);
    if (current === null) return 'not-found';
    if (current === 'purged') return 'purged';
    if (current !== from) return 'conflict';
    await sql.query('UPDATE requests SET status = $2 WHERE id = $1', [requestId, to]);
    await sql.query(
      `INSERT INTO request_status_changes (request_id, from_status, to_status, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [requestId, from, to, actor.staffId, now],
    );
    await audit(sql, actor, 'request.status_changed', requestId, { from, to }, now);
    return 'done';
  });
}

/** Records a call attempt on a request that still has its details. */
export function insertCallAttempt(
  db: Database,
  call: { requestId: string; outcome: CallOutcome; calledAt: Date; actor: Actor; now: Date },
): Promise<WriteResult> {
  const { requestId, actor, now } = call;
  return db.rawTransaction(async (sql) => {
    const current = await lockRequest(sql, requestId);
    if (current === null) return 'not-found';
    if (current === 'purged') return 'purged';
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO call_attempts (request_id, called_at, outcome, logged_by, logged_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [requestId, call.calledAt, call.outcome, actor.staffId, now],
    );
    await audit(
      sql,
      actor,
      'request.call_logged',
      requestId,
      { call: row?.id ?? '', outcome: call.outcome },
      now,
    );
    return 'done';
  });
}

/** Stores a note already sealed to the clinic key with `noteId` as associated data. */
export function insertNote(
  db: Database,
  note: { noteId: string; requestId: string; sealed: Uint8Array; actor: Actor; now: Date },
): Promise<WriteResult> {
  const { noteId, requestId, actor, now } = note;
  return db.rawTransaction(async (sql) => {
    const current = await lockRequest(sql, requestId);
    if (current === null) return 'not-found';
    if (current === 'purged') return 'purged';
    await sql.query(
      'INSERT INTO request_notes (id, request_id, written_by, written_at, sealed) VALUES ($1, $2, $3, $4, $5)',
      [noteId, requestId, actor.staffId, now, byteaParam(note.sealed)],
    );
    await audit(sql, actor, 'request.note_added', requestId, { note: noteId }, now);
    return 'done';
  });
}
