import type { Database } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import { retentionCutoff } from './retention.ts';

/** Who started a purge, for the audit entry: the server's daily job or `clinic purge`. */
export type PurgeTrigger = 'daily-job' | 'command-line';

// When a closed request was closed: its latest change to 'closed' (received_at if none was recorded).
const CLOSED_BEFORE = `r.status = 'closed' AND COALESCE(
  (SELECT max(c.changed_at) FROM request_status_changes c WHERE c.request_id = r.id AND c.to_status = 'closed'),
  r.received_at) < $1`;

/** Ids of the requests closed before `cutoff`, oldest first. */
export async function listPurgeable(db: Database, cutoff: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT r.id::text AS id FROM requests r WHERE ${CLOSED_BEFORE} ORDER BY r.received_at, r.id`,
    [cutoff],
  );
  return rows.map((r) => r.id);
}

/**
 * Deletes what patients typed (and the notes about it) from every request closed longer than the
 * retention period. Each request is purged in its own transaction with its status change and its
 * audit entry; the row keeps its clear metadata with status 'purged'. Safe to run on several
 * instances at once: the row lock and the re-checked condition purge each request once.
 * @returns the ids purged now
 * @example await purgeExpiredRequests(db, { now: new Date(), retentionDays: 365, trigger: 'daily-job' })
 */
export async function purgeExpiredRequests(
  db: Database,
  options: { now: Date; retentionDays: number; trigger: PurgeTrigger },
): Promise<string[]> {
  const { now, retentionDays, trigger } = options;
  const cutoff = retentionCutoff(now, retentionDays);
  const purged: string[] = [];
  for (const id of await listPurgeable(db, cutoff)) {
    const done = await db.rawTransaction(async (sql) => {
      const [row] = await sql.query<{ id: string }>(
        `UPDATE requests r SET status = 'purged', sealed = ''::bytea
         WHERE r.id = $2 AND ${CLOSED_BEFORE} RETURNING r.id`,
        [cutoff, id],
      );
      if (!row) return false; // reopened, or purged by another instance meanwhile
      const notes = await sql.query('DELETE FROM request_notes WHERE request_id = $1 RETURNING id', [id]);
      await sql.query('DELETE FROM request_search_entries WHERE request_id = $1', [id]);
      // The inbox's search snapshot holds this request's name too: it goes, and is rebuilt from
      // the entries. The lock makes a snapshot being written meanwhile wait, then see this purge.
      await sql.query('SELECT 1 FROM request_search_keys FOR UPDATE');
      await sql.query('DELETE FROM request_search_snapshots');
      await sql.query(
        `INSERT INTO request_status_changes (request_id, from_status, to_status, changed_by, changed_at)
         VALUES ($1, 'closed', 'purged', NULL, $2)`,
        [id, now],
      );
      await appendAudit(
        sql,
        {
          actorId: null,
          actorEmail: null,
          action: 'request.purged',
          target: `request:${id}`,
          address: null,
          details: { trigger, retentionDays, notesDeleted: notes.length },
        },
        now,
      );
      return true;
    });
    if (done) purged.push(id);
  }
  return purged;
}
