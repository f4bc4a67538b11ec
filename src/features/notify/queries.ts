import type { Database, RawSql } from '../../db/client.ts';
import type { NewRequestNotice, OutboxNotice } from './notice.ts';

/** A notice claimed by one worker for one attempt; `attempts` counts this attempt too. */
export type ClaimedNotice = OutboxNotice & { id: number; attempts: number };

/** Members who may get notices: those who read requests and can still sign in. */
const ACTIVE_READER = "s.disabled_at IS NULL AND s.role IN ('admin', 'coordinator')";

/**
 * Queues the staff notices for a new request: one for the NOTIFY_TO address and one for each
 * member who asked for them. Call it with the request's own transaction, so the notices exist
 * exactly when the request does (outbox pattern). A second call for the same request changes
 * nothing.
 * @example await db.rawTransaction(async (sql) => { await insertRequest(sql, …); await insertNewRequestNotice(sql, notice); });
 */
export async function insertNewRequestNotice(sql: RawSql, notice: NewRequestNotice): Promise<void> {
  await sql.query(
    `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, recipient_id)
     SELECT 'new_request', $1::text, $2::text, $3::timestamptz, $3::timestamptz, NULL::uuid
     UNION ALL
     SELECT 'new_request', $1::text, $2::text, $3::timestamptz, $3::timestamptz, s.id FROM staff s WHERE s.notify_new_requests AND ${ACTIVE_READER}
     ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING`,
    [notice.requestId, notice.locale, notice.receivedAt],
  );
}

/**
 * Queues the daily summary of clinic day `day` ("YYYY-MM-DD") for each member who asked for it.
 * The day's marker row (no recipient) is inserted first: only the instance that inserts it fans
 * out, so the summary goes once a day however many instances run, and a member who opts in after
 * it went out gets the next day's.
 * @returns how many summaries were queued (0: already queued today)
 */
export async function queueDailySummary(db: Database, day: string, now: Date): Promise<number> {
  return db.rawTransaction(async (sql) => {
    const marker = await sql.query(
      `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, status, sent_at)
       VALUES ('daily_summary', $1, 'en', $2, $2, 'sent', $2)
       ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING
       RETURNING id`,
      [day, now],
    );
    if (marker.length === 0) return 0;
    const queued = await sql.query(
      `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, recipient_id)
       SELECT 'daily_summary', $1::text, s.locale, $2::timestamptz, $2::timestamptz, s.id FROM staff s WHERE s.notify_daily_summary AND ${ACTIVE_READER}
       ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING
       RETURNING id`,
      [day, now],
    );
    return queued.length;
  });
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
    kind: 'new_request' | 'daily_summary';
    request_id: string;
    locale: 'en' | 'es';
    received_at: Date | string;
    attempts: number;
    recipient_id: string | null;
    email: string | null;
    member_locale: 'en' | 'es' | null;
    wanted: boolean | null;
  }>(
    `WITH claimed AS (
       UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = $2
       WHERE id IN (
         SELECT id FROM notification_outbox
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, request_id, locale, received_at, attempts, recipient_id)
     SELECT c.id, c.kind, c.request_id, c.locale, c.received_at, c.attempts, c.recipient_id::text AS recipient_id,
       s.email, s.locale AS member_locale,
       (${ACTIVE_READER} AND CASE c.kind WHEN 'new_request' THEN s.notify_new_requests
         ELSE s.notify_daily_summary END) AS wanted
     FROM claimed c LEFT JOIN staff s ON s.id = c.recipient_id
     ORDER BY c.id`,
    [now, leaseUntil, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    requestId: r.request_id,
    locale: r.locale,
    receivedAt: new Date(r.received_at),
    attempts: r.attempts,
    recipient:
      r.recipient_id === null
        ? null
        : {
            id: r.recipient_id,
            email: r.email ?? '',
            locale: r.member_locale ?? 'en',
            wanted: r.wanted === true,
          },
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

/** Records a row not sent on purpose (see planDelivery); the reason goes to the log. */
export async function markNoticeSkipped(db: Database, notice: ClaimedNotice, now: Date): Promise<void> {
  await db.query(
    `UPDATE notification_outbox SET status = 'skipped', sent_at = $3, last_error = NULL
     WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [notice.id, notice.attempts, now],
  );
}
