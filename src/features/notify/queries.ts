import type { Database, RawSql } from '../../db/client.ts';
import type { NewRequestNotice } from './notice.ts';

/** A notice claimed by one worker for one attempt; `attempts` counts this attempt too. */
export type ClaimedNotice = NewRequestNotice & { id: number; attempts: number };

/**
 * Queues the staff notice for a new request. Call it with the request's own transaction, so the
 * notice exists exactly when the request does (outbox pattern). A second call for the same request
 * changes nothing.
 * @example await db.rawTransaction(async (sql) => { await insertRequest(sql, …); await insertNewRequestNotice(sql, notice); });
 */
export async function insertNewRequestNotice(sql: RawSql, notice: NewRequestNotice): Promise<void> {
  await sql.query(
    `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at)
     VALUES ('new_request', $1, $2, $3, $3)
     ON CONFLICT (kind, request_id) DO NOTHING`,
    [notice.requestId, notice.locale, notice.receivedAt],
  );
}

/**
 * Claims up to `limit` due notices for one attempt: counts the attempt and pushes next_attempt_at
 * to `leaseUntil`. FOR UPDATE SKIP LOCKED lets several instances claim at once without sharing a
 * row; if a worker dies mid-send, the row is due again when its lease ends.
 */
export async function claimDueNotices(
  db: Database,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedNotice[]> {
  const rows = await db.query<{
    id: string | number;
    request_id: string;
    locale: 'en' | 'es';
    received_at: Date | string;
    attempts: number;
  }>(
    `UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = $2
     WHERE id IN (
       SELECT id FROM notification_outbox
       WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id, request_id, locale, received_at, attempts`,
    [now, leaseUntil, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    requestId: r.request_id,
    locale: r.locale,
    receivedAt: new Date(r.received_at),
    attempts: r.attempts,
  }));
}

/** Records a delivered notice. The attempt number fences off a worker whose lease ran out. */
export async function markNoticeSent(db: Database, notice: ClaimedNotice, now: Date): Promise<void> {
  await db.query(
    `UPDATE notification_outbox SET status = 'sent', sent_at = $3, last_error = NULL
     WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [notice.id, notice.attempts, now],
  );
}

/** Records a failed attempt: due again at `retryAt`, or given up (failed) when that is null. */
export async function markNoticeFailed(
  db: Database,
  notice: ClaimedNotice,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE notification_outbox
     SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE($3::timestamptz, next_attempt_at), last_error = $4
     WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [notice.id, notice.attempts, retryAt, error],
  );
}
