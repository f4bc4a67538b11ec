import type { Database } from '../../db/client.ts';
import type { ContactChannel } from './status.ts';
import type { CallOutcome, Status } from './status.ts';

/**
 * The inbox's list: which requests a view, filters and search mean, in which order, and what each
 * row shows in clear (status, assignee, last contact attempt, next follow-up). Patient details
 * come from the search entries (search-entries.ts), opened in the session for the rows shown.
 */

/** The inbox's views: 'open' is the default; 'all' is every status but purged. */
export const INBOX_VIEWS = ['due', 'mine', 'open', 'closed', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_SORTS = ['waiting', 'newest', 'follow-up'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** Statuses a request is still being worked in; the others are closed. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'contacted', 'consult_scheduled'];

export type InboxCriteria = {
  view: InboxView;
  /** Null: any status (but purged, unless asked for). */
  status: Status | null;
  locale: 'en' | 'es' | null;
  receivedFrom: Date | null;
  receivedBefore: Date | null;
  /** What a search found: request ids, and the start of a request number; null without a search. */
  search: { ids: string[]; referencePrefix: string | null } | null;
  /** The member for 'mine'. */
  staffId: string;
  /** 'due': follow-ups due before this instant (the end of the clinic's day)… */
  followUpBefore: Date;
  /** …and new requests never tried that arrived at or before this one (past the response target). */
  overdueArrivedBy: Date;
  sort: InboxSort;
};

// $1 view, $2 status, $3 locale, $4/$5 received range, $6 searching, $7 ids, $8 reference
// prefix, $9 staff, $10 follow-ups due before, $11 overdue arrived by. Static, so the statement
// check prepares it; PostgreSQL plans each call with its parameters.
const MATCHES = `(CASE WHEN $2::text IS NULL THEN r.status <> 'purged' ELSE r.status = $2 END)
  AND ($3::text IS NULL OR r.locale = $3)
  AND ($4::timestamptz IS NULL OR r.received_at >= $4)
  AND ($5::timestamptz IS NULL OR r.received_at < $5)
  AND (NOT $6::boolean OR r.id = ANY (string_to_array($7, ',')::uuid[]) OR starts_with(r.reference, $8))
  AND (CASE $1::text
    WHEN 'open' THEN r.status IN ('new', 'contacted', 'consult_scheduled')
    WHEN 'closed' THEN r.status IN ('not_a_candidate', 'unreachable', 'closed', 'purged')
    WHEN 'mine' THEN r.status IN ('new', 'contacted', 'consult_scheduled') AND r.assigned_to = $9::uuid
    WHEN 'due' THEN r.status IN ('new', 'contacted', 'consult_scheduled') AND (
      r.follow_up_at < $10::timestamptz
      OR (r.status = 'new' AND r.follow_up_at IS NULL AND r.received_at <= $11::timestamptz
          AND NOT EXISTS (SELECT 1 FROM call_attempts a WHERE a.request_id = r.id)))
    ELSE true END)`;

const ORDER = `CASE WHEN $12::text = 'follow-up' THEN r.follow_up_at END ASC NULLS LAST,
  CASE WHEN $12::text = 'newest' THEN r.received_at END DESC,
  r.received_at ASC, r.id ASC`;

function params(c: InboxCriteria): unknown[] {
  return [
    c.view,
    c.status,
    c.locale,
    c.receivedFrom?.toISOString() ?? null,
    c.receivedBefore?.toISOString() ?? null,
    c.search !== null,
    c.search?.ids.join(',') ?? '',
    c.search?.referencePrefix ?? null,
    c.view === 'mine' ? c.staffId : null,
    c.followUpBefore.toISOString(),
    c.overdueArrivedBy.toISOString(),
    c.sort,
  ];
}

/** The last contact attempt of a request. */
export type LastContact = { at: Date; channel: ContactChannel; outcome: CallOutcome };

/** A row of the inbox in clear: no patient data. */
export type InboxRequest = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  status: Status;
  assignee: string | null;
  followUpAt: Date | null;
  lastContact: LastContact | null;
  /** Whether anyone tried to reach the patient yet. */
  tried: boolean;
};

type PageRow = {
  id: string;
  reference: string;
  received_at: Date | string;
  locale: 'en' | 'es';
  status: Status;
  assignee: string | null;
  follow_up_at: Date | string | null;
  last_at: Date | string | null;
  last_channel: ContactChannel | null;
  last_outcome: CallOutcome | null;
};

const toRequest = (r: PageRow): InboxRequest => ({
  id: r.id,
  reference: r.reference,
  receivedAt: new Date(r.received_at),
  locale: r.locale,
  status: r.status,
  assignee: r.assignee,
  followUpAt: r.follow_up_at === null ? null : new Date(r.follow_up_at),
  lastContact:
    r.last_at && r.last_channel && r.last_outcome
      ? { at: new Date(r.last_at), channel: r.last_channel, outcome: r.last_outcome }
      : null,
  tried: r.last_at !== null,
});

/**
 * One page of the inbox and how many requests match in all.
 * @example const { rows, total } = await listInboxPage(db, criteria, { size: 25, page: 1 });
 */
export async function listInboxPage(
  db: Database,
  criteria: InboxCriteria,
  page: { size: number; page: number },
): Promise<{ rows: InboxRequest[]; total: number }> {
  const p = params(criteria);
  const [count, rows] = await Promise.all([
    db.query<{ n: string | number }>(`SELECT count(*) AS n FROM requests r WHERE ${MATCHES}`, p.slice(0, 11)),
    db.query<PageRow>(
      `SELECT r.id::text AS id, r.reference, r.received_at, r.locale, r.status, s.email AS assignee,
         r.follow_up_at, last.called_at AS last_at, last.channel AS last_channel, last.outcome AS last_outcome
       FROM (SELECT r.* FROM requests r WHERE ${MATCHES} ORDER BY ${ORDER} LIMIT $13 OFFSET $14) r
       LEFT JOIN staff s ON s.id = r.assigned_to
       LEFT JOIN LATERAL (
         SELECT a.called_at, a.channel, a.outcome FROM call_attempts a
         WHERE a.request_id = r.id ORDER BY a.called_at DESC, a.logged_at DESC LIMIT 1
       ) last ON true
       ORDER BY ${ORDER}`,
      [...p, page.size, (page.page - 1) * page.size],
    ),
  ]);
  return { rows: rows.map(toRequest), total: Number(count[0]?.n ?? 0) };
}

/** How many requests a view and its filters match (the daily summary's figures). */
export async function countInbox(db: Database, criteria: InboxCriteria): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM requests r WHERE ${MATCHES}`,
    params(criteria).slice(0, 11),
  );
  return Number(row?.n ?? 0);
}

/** Every matching request's id, in the list's order (previous / next on a request page). */
export async function listInboxIds(db: Database, criteria: InboxCriteria): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT r.id::text AS id FROM requests r WHERE ${MATCHES} ORDER BY ${ORDER}`,
    params(criteria),
  );
  return rows.map((r) => r.id);
}

/** One request's row as the inbox shows it (the request page's header), or null. */
export async function getInboxRequest(db: Database, id: string): Promise<InboxRequest | null> {
  const rows = await db.query<PageRow>(
    `SELECT r.id::text AS id, r.reference, r.received_at, r.locale, r.status, s.email AS assignee,
       r.follow_up_at, last.called_at AS last_at, last.channel AS last_channel, last.outcome AS last_outcome
     FROM requests r
     LEFT JOIN staff s ON s.id = r.assigned_to
     LEFT JOIN LATERAL (
       SELECT a.called_at, a.channel, a.outcome FROM call_attempts a
       WHERE a.request_id = r.id ORDER BY a.called_at DESC, a.logged_at DESC LIMIT 1
     ) last ON true
     WHERE r.id = $1`,
    [id],
  );
  return rows[0] ? toRequest(rows[0]) : null;
}

/** Members a request may be assigned to: coordinators and admins still able to sign in. */
export async function listAssignableMembers(db: Database): Promise<{ id: string; email: string }[]> {
  return db.query<{ id: string; email: string }>(
    `SELECT id::text AS id, email FROM staff
     WHERE role IN ('admin', 'coordinator') AND disabled_at IS NULL ORDER BY email`,
  );
}

/**
 * How many new requests nobody tried (and none with a follow-up planned) arrived at or before
 * `arrivedBy`: the inbox counts those past the response target.
 */
export async function countUntriedNewArrivedBy(db: Database, arrivedBy: Date): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM requests r
     WHERE r.status = 'new' AND r.follow_up_at IS NULL AND r.received_at <= $1
       AND NOT EXISTS (SELECT 1 FROM call_attempts a WHERE a.request_id = r.id)`,
    [arrivedBy.toISOString()],
  );
  return Number(row?.n ?? 0);
}
