import type { Database, RawSql } from '../../db/client.ts';
import type { NewRequestNotice, OutboxNotice } from './notice.ts';

/** A notice claimed by one worker for one attempt; `attempts` counts this attempt too. */
export type ClaimedNotice = OutboxNotice & { id: number; attempts: number };

/** Members who may get notices: those who read requests and can still sign in. */
const ACTIVE_READER = "s.disabled_at IS NULL AND s.role IN ('admin', 'coordinator')";
/** Members who may get the analytics summary: those who see the analytics and can still sign in. */
const ACTIVE_ANALYST = "s.disabled_at IS NULL AND s.role IN ('admin', 'marketing')";

/**
 * The staff notices of the new requests in `stored` (id text, locale text, received_at
 * timestamptz), as a data-modifying WITH item: the statement that inserts a request inserts its
 * notices too, so they exist exactly when it does (outbox pattern), without BEGIN and COMMIT.
 * One for the NOTIFY_TO address and one for each member who asked for them; a request already
 * noticed gets none again.
 */
export const NEW_REQUEST_NOTICES = `notices AS (
  INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, recipient_id)
  SELECT 'new_request', r.id, r.locale, r.received_at, r.received_at, NULL::uuid FROM stored r
  UNION ALL
  SELECT 'new_request', r.id, r.locale, r.received_at, r.received_at, s.id FROM stored r, staff s WHERE s.notify_new_requests AND ${ACTIVE_READER}
  ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING)`;

/**
 * Queues the staff notices of a request on their own (NEW_REQUEST_NOTICES, for a request stored
 * otherwise). A second call for the same request changes nothing.
 */
export async function insertNewRequestNotice(sql: RawSql, notice: NewRequestNotice): Promise<void> {
  await sql.query(
    `WITH stored (id, locale, received_at) AS (SELECT $1::text, $2::text, $3::timestamptz), ${NEW_REQUEST_NOTICES}
     SELECT 1 AS queued`,
    [notice.requestId, notice.locale, notice.receivedAt],
  );
}

/** Which members each summary is for. */
const DAILY_READERS = `s.notify_daily_summary AND ${ACTIVE_READER}`;
const WEEKLY_READERS = `s.notify_weekly_summary AND ${ACTIVE_ANALYST}`;
/** One row per member the summary is for ($1 kind, $2 period, $3 now); WHERE comes after. */
const FAN_OUT = `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, recipient_id)
  SELECT $1::text, $2::text, s.locale, $3::timestamptz, $3::timestamptz, s.id FROM staff s`;
const ONCE = 'ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING RETURNING id';

/**
 * Queues a summary for each member who asked for it: the daily one of clinic day `key`
 * ("YYYY-MM-DD"), or the weekly one of the clinic week that begins on Monday `key`. The period's
 * marker row (no recipient) is inserted first: only the instance that inserts it fans out, so a
 * summary goes once a period however many instances run, and a member who opts in after it went
 * out gets the next one.
 * @returns how many summaries were queued (0: already queued for this period)
 */
export async function queueSummary(
  db: Database,
  kind: 'daily_summary' | 'weekly_summary',
  key: string,
  now: Date,
): Promise<number> {
  return db.rawTransaction(async (sql) => {
    const marker = await sql.query(
      `INSERT INTO notification_outbox (kind, request_id, locale, received_at, next_attempt_at, status, sent_at)
       VALUES ($1, $2, 'en', $3, $3, 'sent', $3)
       ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING
       RETURNING id`,
      [kind, key, now],
    );
    if (marker.length === 0) return 0;
    const queued =
      kind === 'daily_summary'
        ? await sql.query(`${FAN_OUT} WHERE ${DAILY_READERS} ${ONCE}`, [kind, key, now])
        : await sql.query(`${FAN_OUT} WHERE ${WEEKLY_READERS} ${ONCE}`, [kind, key, now]);
    return queued.length;
  });
}

/** The daily summary of clinic day `day` ("YYYY-MM-DD"); see queueSummary. */
export const queueDailySummary = (db: Database, day: string, now: Date): Promise<number> =>
  queueSummary(db, 'daily_summary', day, now);

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
    kind: OutboxNotice['kind'];
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
       CASE c.kind WHEN 'new_request' THEN s.notify_new_requests AND ${ACTIVE_READER}
         WHEN 'daily_summary' THEN ${DAILY_READERS}
         ELSE ${WEEKLY_READERS} END AS wanted
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
