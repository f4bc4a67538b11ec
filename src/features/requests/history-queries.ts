import type { Database } from '../../db/client.ts';
import type { CallOutcome, ContactChannel, Status } from './status.ts';

/** A status change as the history shows it; `by` is null for the retention job. */
export type StatusChange = { id: string; at: Date; by: string | null; from: Status; to: Status };
/** A call attempt; `at` is when the call happened, as the coordinator gave it. */
export type CallAttempt = {
  id: string;
  at: Date;
  by: string;
  channel: ContactChannel;
  outcome: CallOutcome;
  followUpAt: Date | null;
};
/** A note still sealed; the request page opens it in the session. */
export type SealedNote = { id: string; at: Date; by: string; sealed: Uint8Array };

export type History = { changes: StatusChange[]; calls: CallAttempt[]; notes: SealedNote[] };

type Base = { id: string; at: Date | string; by: string | null };

/**
 * Everything staff did on a request, with the e-mail of who did it.
 * @example const { changes, calls, notes } = await listHistory(db, requestId);
 */
export async function listHistory(db: Database, requestId: string): Promise<History> {
  const [changes, calls, notes] = await Promise.all([
    db.query<Base & { from_status: Status; to_status: Status }>(
      `SELECT c.id::text AS id, c.changed_at AS at, COALESCE(s.display_name, s.email) AS by, c.from_status, c.to_status
       FROM request_status_changes c LEFT JOIN staff s ON s.id = c.changed_by
       WHERE c.request_id = $1 ORDER BY c.changed_at, c.id`,
      [requestId],
    ),
    db.query<Base & { outcome: CallOutcome; channel: ContactChannel; follow_up_at: Date | string | null }>(
      `SELECT a.id::text AS id, a.called_at AS at, COALESCE(s.display_name, s.email) AS by, a.outcome, a.channel, a.follow_up_at
       FROM call_attempts a JOIN staff s ON s.id = a.logged_by
       WHERE a.request_id = $1 ORDER BY a.called_at, a.id`,
      [requestId],
    ),
    db.query<Base & { sealed: Uint8Array }>(
      `SELECT n.id::text AS id, n.written_at AS at, COALESCE(s.display_name, s.email) AS by, n.sealed
       FROM request_notes n JOIN staff s ON s.id = n.written_by
       WHERE n.request_id = $1 ORDER BY n.written_at, n.id`,
      [requestId],
    ),
  ]);
  return {
    changes: changes.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      by: r.by,
      from: r.from_status,
      to: r.to_status,
    })),
    calls: calls.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      by: r.by ?? '',
      channel: r.channel,
      outcome: r.outcome,
      followUpAt: r.follow_up_at === null ? null : new Date(r.follow_up_at),
    })),
    notes: notes.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      by: r.by ?? '',
      sealed: new Uint8Array(r.sealed),
    })),
  };
}
