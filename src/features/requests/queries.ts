import type { Database } from '../../db/client.ts';
import { NEW_REQUEST_NOTICES } from '../notify/index.ts';
import type { Status } from './status.ts';

/**
 * Every statement on the `requests` table but the workflow's writes (workflow-queries.ts), the
 * history (history-queries.ts) and the purge (purge.ts). Plain SQL with typed rows: the
 * migrations define the table, and src/db/statements.db.test.ts prepares every statement here
 * against a migrated database.
 */

/** bytea for either driver: pg wants a Buffer. */
export const byteaParam = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** What the thank-you page needs about a stored request: nothing the patient typed. */
export type StoredRequest = { reference: string; receivedAt: Date; locale: 'en' | 'es' };

type StoredRow = { reference: string; received_at: Date | string; locale: 'en' | 'es' };
const toStored = (r: StoredRow): StoredRequest => ({
  reference: r.reference,
  receivedAt: new Date(r.received_at),
  locale: r.locale,
});

export async function findRequestByReference(db: Database, reference: string): Promise<StoredRequest | null> {
  const rows = await db.query<StoredRow>(
    'SELECT reference, received_at, locale FROM requests WHERE reference = $1',
    [reference],
  );
  return rows[0] ? toStored(rows[0]) : null;
}

/**
 * Where the visit that sent a request began, as analytics counted it: its landing page and UTM
 * values other than utm_campaign (the `campaign` field). Never anything typed.
 */
export type VisitAttribution = {
  landingPage: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmTerm: string | null;
  utmContent: string | null;
};

export const NO_ATTRIBUTION: VisitAttribution = {
  landingPage: null,
  utmSource: null,
  utmMedium: null,
  utmTerm: null,
  utmContent: null,
};

export type NewRequest = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  sourcePage: string | null;
  campaign: string | null;
  /** Left out: nothing known about the visit. */
  attribution?: VisitAttribution;
  idempotencyKey: string;
  sealed: Uint8Array;
};

/**
 * Inserts a request with its staff notices in one statement (atomic, committed when it returns),
 * unless a request with its idempotency key exists.
 * @returns the reference of the stored request, and whether this call created it
 */
export async function insertRequestOnce(
  db: Database,
  row: NewRequest,
): Promise<{ reference: string; created: boolean }> {
  const inserted = await db.query<{ reference: string }>(
    `WITH stored AS (
       INSERT INTO requests (id, reference, received_at, locale, source_page, campaign, idempotency_key, sealed,
         landing_page, utm_source, utm_medium, utm_term, utm_content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id::text AS id, reference, locale, received_at
     ), ${NEW_REQUEST_NOTICES}
     SELECT reference FROM stored`,
    requestParams(row),
  );
  if (inserted[0]) return { reference: inserted[0].reference, created: true };
  // A concurrent post of the same form committed first; ON CONFLICT waited for it, so it is visible.
  const existing = await db.query<{ reference: string }>(
    'SELECT reference FROM requests WHERE idempotency_key = $1',
    [row.idempotencyKey],
  );
  if (!existing[0]) throw new Error('request with this idempotency key vanished');
  return { reference: existing[0].reference, created: false };
}

/**
 * The values of a new request in the order of its columns in insertRequestOnce (id, reference,
 * received_at, locale, source_page, campaign, idempotency_key, sealed, landing_page, utm_source,
 * utm_medium, utm_term, utm_content), for a statement that inserts one.
 */
export const requestParams = (row: NewRequest): unknown[] => [
  row.id,
  row.reference,
  row.receivedAt,
  row.locale,
  row.sourcePage,
  row.campaign,
  row.idempotencyKey,
  byteaParam(row.sealed),
  ...attributionParams(row.attribution ?? NO_ATTRIBUTION),
];

const attributionParams = (a: VisitAttribution) => [
  a.landingPage,
  a.utmSource,
  a.utmMedium,
  a.utmTerm,
  a.utmContent,
];

/** Which requests a list or an export means; null leaves a criterion out. */
export type RequestCriteria = {
  /** Null: every status except purged. */
  status: Status | null;
  locale: 'en' | 'es' | null;
  receivedFrom: Date | null;
  receivedBefore: Date | null;
  /** A whole request number, or the start of one; 'none' matches nothing (what was typed cannot be one). */
  reference: { value: string; complete: boolean } | 'none' | null;
};

export const ANY_REQUEST: RequestCriteria = {
  status: null,
  locale: null,
  receivedFrom: null,
  receivedBefore: null,
  reference: null,
};

// The criteria as SQL, parameters $1 to $7 (criteriaParams). Static, so the statement check
// prepares it; PostgreSQL plans each call with its parameters, so the unused ones cost nothing.
const MATCHES = `(CASE WHEN $1::text IS NULL THEN status <> 'purged' ELSE status = $1 END)
  AND ($2::text IS NULL OR locale = $2)
  AND ($3::timestamptz IS NULL OR received_at >= $3)
  AND ($4::timestamptz IS NULL OR received_at < $4)
  AND ($5::text IS NULL OR reference = $5)
  AND ($6::text IS NULL OR starts_with(reference, $6))
  AND NOT $7::boolean`;

function criteriaParams(c: RequestCriteria): unknown[] {
  const ref = c.reference === 'none' ? null : c.reference;
  return [
    c.status,
    c.locale,
    c.receivedFrom?.toISOString() ?? null,
    c.receivedBefore?.toISOString() ?? null,
    ref?.complete ? ref.value : null,
    ref && !ref.complete ? ref.value : null,
    c.reference === 'none',
  ];
}

/** A request as the inbox lists it: clear metadata only, nothing is opened. */
export type RequestSummary = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  status: Status;
};

type SummaryRow = {
  id: string;
  reference: string;
  received_at: Date | string;
  locale: 'en' | 'es';
  status: Status;
};

const toSummary = (r: SummaryRow): RequestSummary => ({
  id: r.id,
  reference: r.reference,
  receivedAt: new Date(r.received_at),
  locale: r.locale,
  status: r.status,
});

/**
 * One page of the requests matching `criteria`, newest first, and how many match in all.
 * @example const { rows, total } = await listRequests(db, ANY_REQUEST, { size: 25, page: 1 });
 */
export async function listRequests(
  db: Database,
  criteria: RequestCriteria,
  page: { size: number; page: number },
): Promise<{ rows: RequestSummary[]; total: number }> {
  const params = criteriaParams(criteria);
  const [count] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM requests WHERE ${MATCHES}`,
    params,
  );
  const rows = await db.query<SummaryRow>(
    `SELECT id::text AS id, reference, received_at, locale, status FROM requests WHERE ${MATCHES}
     ORDER BY received_at DESC, id DESC LIMIT $8 OFFSET $9`,
    [...params, page.size, (page.page - 1) * page.size],
  );
  return { rows: rows.map(toSummary), total: Number(count?.n ?? 0) };
}

/** When each still-new request arrived (oldest first), to count those past the response target. */
export async function listNewArrivals(db: Database, limit = 1000): Promise<Date[]> {
  const rows = await db.query<{ received_at: Date | string }>(
    "SELECT received_at FROM requests WHERE status = 'new' ORDER BY received_at LIMIT $1",
    [limit],
  );
  return rows.map((r) => new Date(r.received_at));
}

/** The reference (the number staff use) of each of these requests, by id; unknown ids are left out. */
export async function referencesByIds(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; reference: string }>(
    'SELECT id::text AS id, reference FROM requests WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** The id of the request with this reference, or null. */
export async function getRequestIdByReference(db: Database, reference: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE reference = $1', [
    reference,
  ]);
  return rows[0]?.id ?? null;
}

/** A request with its sealed document. */
export type SealedRequest = RequestSummary & {
  sourcePage: string | null;
  campaign: string | null;
  attribution: VisitAttribution;
  /** Empty once purged. */
  sealed: Uint8Array;
};

type SealedRow = SummaryRow & {
  source_page: string | null;
  campaign: string | null;
  landing_page: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_term: string | null;
  utm_content: string | null;
  sealed: Uint8Array;
};

const toSealed = (row: SealedRow): SealedRequest => ({
  ...toSummary(row),
  sourcePage: row.source_page,
  campaign: row.campaign,
  attribution: {
    landingPage: row.landing_page,
    utmSource: row.utm_source,
    utmMedium: row.utm_medium,
    utmTerm: row.utm_term,
    utmContent: row.utm_content,
  },
  sealed: new Uint8Array(row.sealed),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a canonical (lower-case) UUID, the only form request ids take in URLs. */
export const isRequestId = (id: string) => UUID.test(id);

/** The request with this id, or null (also for anything that is not a request id). */
export async function getSealedRequest(db: Database, id: string): Promise<SealedRequest | null> {
  if (!isRequestId(id)) return null;
  const rows = await db.query<SealedRow>(
    `SELECT id::text AS id, reference, received_at, locale, status, source_page, campaign, landing_page,
       utm_source, utm_medium, utm_term, utm_content, sealed
     FROM requests WHERE id = $1`,
    [id],
  );
  return rows[0] ? toSealed(rows[0]) : null;
}

/** What an export takes: chosen ids (checked UUIDs), or every request the criteria match. */
export type ExportChoice = { ids: string[] } | { criteria: RequestCriteria };

/**
 * The one export query (the inbox's download and `clinic export`): the chosen requests, still
 * sealed, oldest first, never purged ones (they have nothing left to open).
 * @param limit at most this many; null for all
 */
export async function listRequestsToExport(
  db: Database,
  choice: ExportChoice,
  limit: number | null,
): Promise<SealedRequest[]> {
  const criteria = 'ids' in choice ? ANY_REQUEST : choice.criteria;
  // string_to_array keeps the ids a plain text parameter on both drivers.
  const ids = 'ids' in choice ? choice.ids.filter(isRequestId).join(',') : null;
  const rows = await db.query<SealedRow>(
    `SELECT id::text AS id, reference, received_at, locale, status, source_page, campaign, landing_page,
       utm_source, utm_medium, utm_term, utm_content, sealed
     FROM requests
     WHERE ${MATCHES} AND status <> 'purged'
       AND ($8::text IS NULL OR id = ANY (string_to_array($8, ',')::uuid[]))
     ORDER BY received_at, id LIMIT $9`,
    [...criteriaParams(criteria), ids, limit],
  );
  return rows.map(toSealed);
}

// Periods are clinic-local: an hour of the day (HH:00), a day or a month.
const PERIOD_FORMAT = { hour: 'HH24:00', day: 'YYYY-MM-DD', month: 'YYYY-MM' } as const;

/**
 * Where the visits that sent requests began, as each request records it (its visit's UTM values
 * and landing page, migration 0040): a value given counts only the requests that match it.
 */
export type RequestOrigin = { source?: string; medium?: string; campaign?: string; landing?: string };

/**
 * Requests received per clinic-local hour, day or month in [from, to]: a count by received_at
 * and the recorded origin of their visit, nothing else.
 */
export async function countRequestsByPeriod(
  db: Database,
  days: { from: string; to: string },
  timeZone: string,
  bucket: 'hour' | 'day' | 'month',
  origin: RequestOrigin = {},
): Promise<{ period: string; requests: number }[]> {
  return db.query<{ period: string; requests: number }>(
    `SELECT to_char(received_at AT TIME ZONE $3, $4) AS "period", count(*)::int AS "requests"
     FROM requests
     WHERE received_at >= ($1::date::timestamp AT TIME ZONE $3)
       AND received_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
       AND ($5::text IS NULL OR utm_source = $5) AND ($6::text IS NULL OR utm_medium = $6)
       AND ($7::text IS NULL OR campaign = $7) AND ($8::text IS NULL OR landing_page = $8)
     GROUP BY 1`,
    [
      days.from,
      days.to,
      timeZone,
      PERIOD_FORMAT[bucket],
      origin.source ?? null,
      origin.medium ?? null,
      origin.campaign ?? null,
      origin.landing ?? null,
    ],
  );
}
