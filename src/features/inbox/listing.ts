import type { Database } from '../../db/client.ts';
import { listRequests, type RequestCriteria, type RequestSummary } from '../requests/index.ts';
import { ageRange, parseReferenceQuery, type InboxFilter } from './inbox-filter.ts';

/** A request as the inbox lists it: clear metadata only, nothing is opened. */
export type InboxRow = RequestSummary;

/** The requests a filter of the inbox means; shared by the list and the export. */
export function criteriaOf(filter: InboxFilter, now: Date): RequestCriteria {
  const { from, to } = ageRange(filter.age, now);
  const reference = parseReferenceQuery(filter.q);
  return {
    status: filter.status === 'any' ? null : filter.status,
    locale: filter.locale === 'any' ? null : filter.locale,
    receivedFrom: from ?? null,
    receivedBefore: to ?? null,
    reference:
      filter.q && !reference
        ? 'none'
        : reference && { value: reference.reference, complete: reference.complete },
  };
}

/**
 * One page of the inbox, newest first, and how many requests the filter matches in all.
 * @example const { rows, total } = await listInbox(db, filter, now, 25);
 */
export function listInbox(
  db: Database,
  filter: InboxFilter,
  now: Date,
  pageSize: number,
): Promise<{ rows: InboxRow[]; total: number }> {
  return listRequests(db, criteriaOf(filter, now), { size: pageSize, page: filter.page });
}
