import type { Database, RawSql } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import { byteaParam } from './queries.ts';
import type { CallOutcome, ContactChannel, Status, WorkStatus } from './status.ts';

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

/** What one "log contact" post records. */
export type ContactLog = {
  requestId: string;
  channel: ContactChannel;
  outcome: CallOutcome;
  calledAt: Date;
  /** A note already sealed to the clinic key with `noteId` as associated data; null without one. */
  note: { noteId: string; sealed: Uint8Array } | null;
  /** The next follow-up; null plans none (and clears the one before). */
  followUpAt: Date | null;
  actor: Actor;
  now: Date;
};

/**
 * Logs a contact attempt in one transaction, with one audit entry per change: the attempt, the
 * note, the follow-up, and the status when the patient was reached (New → Contacted). A patient
 * tried and not reached stays New.
 * @returns the status now, or why nothing was written
 */
export function logContact(
  db: Database,
  log: ContactLog,
): Promise<{ result: 'done'; status: Status } | { result: 'not-found' | 'purged' }> {
  const { requestId, actor, now } = log;
  return db.rawTransaction(async (sql) => {
    const current = await lockRequest(sql, requestId);
    if (current === null) return { result: 'not-found' as const };
    if (current === 'purged') return { result: 'purged' as const };
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO call_attempts (request_id, called_at, outcome, channel, follow_up_at, logged_by, logged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
      [requestId, log.calledAt, log.outcome, log.channel, log.followUpAt, actor.staffId, now],
    );
    await audit(
      sql,
      actor,
      'request.contact_logged',
      requestId,
      { contact: row?.id ?? '', channel: log.channel, outcome: log.outcome },
      now,
    );
    if (log.note) {
      await sql.query(
        'INSERT INTO request_notes (id, request_id, written_by, written_at, sealed) VALUES ($1, $2, $3, $4, $5)',
        [log.note.noteId, requestId, actor.staffId, now, byteaParam(log.note.sealed)],
      );
      await audit(sql, actor, 'request.note_added', requestId, { note: log.note.noteId }, now);
    }
    const [before] = await sql.query<{ follow_up_at: Date | string | null }>(
      'SELECT follow_up_at FROM requests WHERE id = $1',
      [requestId],
    );
    const previous = before?.follow_up_at ? new Date(before.follow_up_at).toISOString() : '';
    const next = log.followUpAt?.toISOString() ?? '';
    if (previous !== next) {
      await sql.query('UPDATE requests SET follow_up_at = $2 WHERE id = $1', [requestId, log.followUpAt]);
      await audit(sql, actor, 'request.follow_up_set', requestId, { from: previous, to: next }, now);
    }
    let status: Status = current;
    if (log.outcome === 'reached' && current === 'new') {
      status = 'contacted';
      await setStatus(sql, { requestId, from: current, to: status, actor, now });
    }
    return { result: 'done' as const, status };
  });
}

async function setStatus(
  sql: RawSql,
  change: { requestId: string; from: Status; to: Status; actor: Actor; now: Date },
): Promise<void> {
  const { requestId, from, to, actor, now } = change;
  await sql.query('UPDATE requests SET status = $2 WHERE id = $1', [requestId, to]);
  await sql.query(
    `INSERT INTO request_status_changes (request_id, from_status, to_status, changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [requestId, from, to, actor.staffId, now],
  );
  await audit(sql, actor, 'request.status_changed', requestId, { from, to }, now);
}

async function setAssignee(
  sql: RawSql,
  change: { requestId: string; staffId: string | null; actor: Actor; now: Date },
): Promise<'done' | 'unchanged' | 'not-a-member'> {
  const { requestId, staffId, actor, now } = change;
  const [before] = await sql.query<{ assigned_to: string | null; email: string | null }>(
    `SELECT r.assigned_to::text AS assigned_to, s.email FROM requests r
     LEFT JOIN staff s ON s.id = r.assigned_to WHERE r.id = $1`,
    [requestId],
  );
  if ((before?.assigned_to ?? null) === staffId) return 'unchanged';
  let email = '';
  if (staffId !== null) {
    const [member] = await sql.query<{ email: string }>(
      `SELECT email FROM staff WHERE id = $1 AND role IN ('admin', 'coordinator') AND disabled_at IS NULL`,
      [staffId],
    );
    if (!member) return 'not-a-member';
    email = member.email;
  }
  await sql.query('UPDATE requests SET assigned_to = $2 WHERE id = $1', [requestId, staffId]);
  await audit(sql, actor, 'request.assigned', requestId, { from: before?.email ?? '', to: email }, now);
  return 'done';
}

/**
 * Assigns a request to a coordinator or admin (null: to nobody), audited.
 * 'conflict' when the member cannot be assigned (another role, disabled, gone).
 */
export function assignRequest(
  db: Database,
  change: { requestId: string; staffId: string | null; actor: Actor; now: Date },
): Promise<WriteResult> {
  return db.rawTransaction(async (sql) => {
    const current = await lockRequest(sql, change.requestId);
    if (current === null) return 'not-found';
    if (current === 'purged') return 'purged';
    return (await setAssignee(sql, change)) === 'not-a-member' ? 'conflict' : 'done';
  });
}

/**
 * The same change on many requests at once (the inbox's bulk actions), in one transaction with
 * one audit entry per request changed. Purged or missing requests are skipped.
 * @returns how many requests changed
 */
export function bulkUpdate(
  db: Database,
  change: {
    requestIds: string[];
    status: WorkStatus | null;
    /** undefined leaves the assignee; null assigns to nobody. */
    staffId: string | null | undefined;
    actor: Actor;
    now: Date;
  },
): Promise<{ changed: number } | { problem: 'not-a-member' }> {
  const { actor, now } = change;
  return db
    .rawTransaction(async (sql) => {
      const changed = new Set<string>();
      for (const requestId of [...new Set(change.requestIds)].sort()) {
        const current = await lockRequest(sql, requestId);
        if (current === null || current === 'purged') continue;
        if (change.status && change.status !== current) {
          await setStatus(sql, { requestId, from: current, to: change.status, actor, now });
          changed.add(requestId);
        }
        if (change.staffId !== undefined) {
          const assigned = await setAssignee(sql, { requestId, staffId: change.staffId, actor, now });
          if (assigned === 'not-a-member') throw new NotAMember();
          if (assigned === 'done') changed.add(requestId);
        }
      }
      return { changed: changed.size };
    })
    .catch((error: unknown) => {
      if (error instanceof NotAMember) return { problem: 'not-a-member' as const };
      throw error;
    });
}

class NotAMember extends Error {}
