import type { Database } from '../../db/client.ts';
import { ageRange, parseReferenceQuery, type InboxFilter } from './inbox-filter.ts';
import type { Status } from './workflow.ts';

/** A request as the inbox lists it: clear metadata only, nothing is opened. */
export type InboxRow = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  status: Status;
};

type Row = { id: string; reference: string; received_at: Date | string; locale: 'en' | 'es'; status: Status };

const toInboxRow = (r: Row): InboxRow => ({
  id: r.id,
  reference: r.reference,
  receivedAt: new Date(r.received_at),
  locale: r.locale,
  status: r.status,
});

/** The WHERE clause (and its parameters) that a filter means; shared by the list and the export. */
export function inboxWhere(filter: InboxFilter, now: Date): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.status === 'any') clauses.push("status <> 'purged'");
  else add('status = ?', filter.status);
  if (filter.locale !== 'any') add('locale = ?', filter.locale);
  const { from, to } = ageRange(filter.age, now);
  if (from) add('received_at >= ?', from.toISOString());
  if (to) add('received_at < ?', to.toISOString());
  const reference = parseReferenceQuery(filter.q);
  if (filter.q && !reference) clauses.push('false');
  else if (reference?.complete) add('reference = ?', reference.reference);
  else if (reference) add('reference LIKE ?', `${reference.reference}%`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page of the inbox, newest first, and how many requests the filter matches in all.
 * @example const { rows, total } = await listInbox(db, filter, now, 25);
 */
export async function listInbox(
  db: Database,
  filter: InboxFilter,
  now: Date,
  pageSize: number,
): Promise<{ rows: InboxRow[]; total: number }> {
  const { where, params } = inboxWhere(filter, now);
  const [count] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM requests ${where}`,
    params,
  );
  const rows = await db.query<Row>(
    `SELECT id::text AS id, reference, received_at, locale, status FROM requests ${where}
     ORDER BY received_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, (filter.page - 1) * pageSize],
  );
  return { rows: rows.map(toInboxRow), total: Number(count?.n ?? 0) };
}

/** When each still-new request arrived (oldest first), to count those past the response target. */
export async function listNewArrivals(db: Database, limit = 1000): Promise<Date[]> {
  const rows = await db.query<{ received_at: Date | string }>(
    "SELECT received_at FROM requests WHERE status = 'new' ORDER BY received_at LIMIT $1",
    [limit],
  );
  return rows.map((r) => new Date(r.received_at));
}

/** The id of the request with this reference, or null. */
export async function getRequestIdByReference(db: Database, reference: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE reference = $1', [
    reference,
  ]);
  return rows[0]?.id ?? null;
}

/** A request with its sealed document, for the request page. */
export type SealedRequest = InboxRow & {
  sourcePage: string | null;
  campaign: string | null;
  /** Empty once purged. */
  sealed: Uint8Array;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a canonical (lower-case) UUID, the only form request ids take in URLs. */
export const isRequestId = (id: string) => UUID.test(id);

/** The request with this id, or null (also for anything that is not a request id). */
export async function getSealedRequest(db: Database, id: string): Promise<SealedRequest | null> {
  if (!isRequestId(id)) return null;
  const rows = await db.query<
    Row & { source_page: string | null; campaign: string | null; sealed: Uint8Array }
  >(
    `SELECT id::text AS id, reference, received_at, locale, status, source_page, campaign, sealed
     FROM requests WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...toInboxRow(row),
    sourcePage: row.source_page,
    campaign: row.campaign,
    sealed: new Uint8Array(row.sealed),
  };
}
