import type { Database } from '../../db/client.ts';
import type { Site } from '../../ui/site.ts';
import { responseDeadline } from '../intake/index.ts';
import {
  listRequests,
  countInbox,
  countUntriedNewArrivedBy,
  type InboxCriteria,
  type InboxRequest,
  type RequestCriteria,
  type RequestSummary,
  type SearchEntry,
} from '../requests/index.ts';
import { nextDay, parseClinicDay, toLocalInput } from './clinic-time.ts';
import { ageRange, DEFAULT_FILTER, parseReferenceQuery, type InboxFilter } from './inbox-filter.ts';
import { searchItems } from './search.ts';
import type { SessionIndex } from './session-index.ts';
import { isOverdue } from './workflow.ts';

/** A request as the inbox lists it: clear metadata only, nothing is opened. */
export type InboxRow = RequestSummary;

/** The requests a filter means by status, language, age and request number (listInbox; no view or search). */
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
 * One page of requests by the export's criteria, newest first (`clinic export` and older callers).
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

/** The clinic's rules the list needs: when an answer is due, and the clinic's day. */
export type InboxClock = {
  now: Date;
  deadline: (receivedAt: Date) => Date;
  /** The first instant of the clinic's next day. */
  endOfDay: Date;
};

export function inboxClock(site: Site, now: Date): InboxClock {
  const { hours, timeZone, responseTargetBusinessHours: target } = site.clinic;
  const today = toLocalInput(now, timeZone).slice(0, 10);
  return {
    now,
    deadline: (receivedAt) => responseDeadline(receivedAt, hours, timeZone, target),
    endOfDay: parseClinicDay(nextDay(today), timeZone) ?? now,
  };
}

/**
 * The latest arrival time whose answer is already overdue now: a later arrival never has an
 * earlier deadline, so a binary search over time finds it in a few dozen deadline computations,
 * whatever the number of requests.
 */
export function overdueArrivedBy(clock: InboxClock): Date {
  const now = clock.now.getTime();
  let low = now - 90 * 86_400_000; // overdue for any clinic that opens at least once a quarter
  let high = now;
  if (!isOverdue('new', clock.deadline(new Date(low)), clock.now)) return new Date(0);
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2);
    if (isOverdue('new', clock.deadline(new Date(middle)), clock.now)) low = middle;
    else high = middle;
  }
  return new Date(low);
}

/**
 * How many new requests nobody tried are past the response target. A request tried and not
 * reached stops counting until its follow-up is due (the "due today" view has it then).
 */
export async function untriedOverdue(
  db: Database,
  clock: InboxClock,
): Promise<{ count: number; arrivedBy: Date }> {
  const arrivedBy = overdueArrivedBy(clock);
  return { count: await countUntriedNewArrivedBy(db, arrivedBy), arrivedBy };
}

/** What the search found in the session's index: ids, and the start of a request number. */
export function searchOf(index: SessionIndex, query: string): InboxCriteria['search'] {
  if (query === '') return null;
  const reference = parseReferenceQuery(query);
  return { ids: searchItems(index.items, query), referencePrefix: reference?.reference ?? null };
}

/** The list's criteria: the view (ignored when a status is chosen), filters, search and order. */
export function inboxCriteria(
  filter: InboxFilter,
  context: { clock: InboxClock; staffId: string; search: InboxCriteria['search']; overdueArrivedBy: Date },
): InboxCriteria {
  const { from, to } = ageRange(filter.age, context.clock.now);
  return {
    view: filter.status === 'any' ? filter.view : 'all',
    status: filter.status === 'any' ? null : filter.status,
    locale: filter.locale === 'any' ? null : filter.locale,
    receivedFrom: from ?? null,
    receivedBefore: to ?? null,
    search: context.search,
    staffId: context.staffId,
    followUpBefore: context.clock.endOfDay,
    overdueArrivedBy: context.overdueArrivedBy,
    sort: filter.sort,
  };
}

/** A row as the list and the request page show it. */
export type ListedRequest = InboxRequest & {
  entry: SearchEntry | null;
  /** "3 h 20 min" while the request is new; null once someone answered. */
  waiting: string | null;
  /** Past the response target and nobody tried, or tried and the follow-up has come. */
  overdue: boolean;
  followUpDue: boolean;
  /** Numbers of other requests with the same phone or e-mail. */
  alsoSent: string[];
};

/** The waiting, overdue and follow-up marks of a row. */
export function listed(
  row: InboxRequest,
  clock: InboxClock,
  extra: { entry: SearchEntry | null; alsoSent: string[]; waiting: (ms: number) => string },
): ListedRequest {
  const { now } = clock;
  const followUpDue = row.followUpAt !== null && row.followUpAt.getTime() <= now.getTime();
  const pastTarget = isOverdue(row.status, clock.deadline(row.receivedAt), now);
  return {
    ...row,
    entry: extra.entry,
    alsoSent: extra.alsoSent,
    waiting: row.status === 'new' ? extra.waiting(now.getTime() - row.receivedAt.getTime()) : null,
    overdue: pastTarget && (!row.tried || followUpDue),
    followUpDue: followUpDue && ['new', 'contacted', 'consult_scheduled'].includes(row.status),
  };
}

/**
 * The daily summary's figures, by the list's own rules: requests still new, the "due today" view,
 * and the overdue count the inbox shows above its list. Counts only: nothing is opened.
 * @example const counts = await dailySummaryCounts(db, site, now); // { new: 4, dueToday: 3, overdue: 1 }
 */
export async function dailySummaryCounts(
  db: Database,
  site: Site,
  now: Date,
): Promise<{ new: number; dueToday: number; overdue: number }> {
  const clock = inboxClock(site, now);
  const overdue = await untriedOverdue(db, clock);
  const base = inboxCriteria(DEFAULT_FILTER, {
    clock,
    staffId: '',
    search: null,
    overdueArrivedBy: overdue.arrivedBy,
  });
  const [fresh, dueToday] = await Promise.all([
    countInbox(db, { ...base, view: 'all', status: 'new' }),
    countInbox(db, { ...base, view: 'due' }),
  ]);
  return { new: fresh, dueToday, overdue: overdue.count };
}
