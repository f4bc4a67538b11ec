import {
  INBOX_SORTS,
  INBOX_VIEWS,
  isStatus,
  type InboxSort,
  type InboxView,
  type Status,
} from '../requests/index.ts';

/**
 * The inbox's filters, read from the query string of GET /staff/ (a plain GET form, so they work
 * without JavaScript and survive a reload). Pure: `now` comes in.
 */

export const AGES = ['any', 'day', 'week', 'month', 'over-week', 'over-month'] as const;
export type Age = (typeof AGES)[number];

export const AGE_LABEL: Record<Age, string> = {
  any: 'Any time',
  day: 'Last 24 hours',
  week: 'Last 7 days',
  month: 'Last 30 days',
  'over-week': 'More than 7 days ago',
  'over-month': 'More than 30 days ago',
};

export const VIEW_LABEL: Record<InboxView, string> = {
  due: 'Due today',
  mine: 'Assigned to me',
  open: 'All open',
  closed: 'Closed',
  all: 'Everything',
};

export const SORT_LABEL: Record<InboxSort, string> = {
  waiting: 'Waiting longest first',
  newest: 'Newest first',
  'follow-up': 'Follow-up due first',
};

export type InboxFilter = {
  view: InboxView;
  sort: InboxSort;
  /** The opaque token of a search kept in the session's index (a query never goes in a URL). */
  s: string;
  /** 'any' lists every status except purged. */
  status: Status | 'any';
  /** The language of the form the patient used. */
  locale: 'en' | 'es' | 'any';
  age: Age;
  /** What was typed in the search box, as typed; read from GET /staff/?q=… and turned into `s`. */
  q: string;
  /** 1-based. */
  page: number;
};

/** Requests per inbox page. */
export const PAGE_SIZE = 25;

export const DEFAULT_FILTER: InboxFilter = {
  view: 'open',
  sort: 'waiting',
  s: '',
  status: 'any',
  locale: 'any',
  age: 'any',
  q: '',
  page: 1,
};

/** Longest search query, in characters. */
export const QUERY_MAX = 100;

/** Reads the query string; anything unknown falls back to its default rather than failing. */
export function parseInboxFilter(query: Record<string, string | undefined>): InboxFilter {
  const status = query.status;
  const locale = query.locale;
  const age = query.age as Age;
  const page = Number(query.page);
  const view = query.view as InboxView;
  const sort = query.sort as InboxSort;
  const token = query.s ?? '';
  return {
    view: (INBOX_VIEWS as readonly string[]).includes(view) ? view : 'open',
    sort: (INBOX_SORTS as readonly string[]).includes(sort) ? sort : 'waiting',
    s: /^[A-Za-z0-9_-]{1,24}$/.test(token) ? token : '',
    status: isStatus(status) ? status : 'any',
    locale: locale === 'en' || locale === 'es' ? locale : 'any',
    age: (AGES as readonly string[]).includes(age) ? age : 'any',
    q: (query.q ?? '').slice(0, QUERY_MAX).trim(),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

const DAY_MS = 86_400_000;

/** The received-at range an age filter means: received_at >= from and received_at < to. */
export function ageRange(age: Age, now: Date): { from?: Date; to?: Date } {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  switch (age) {
    case 'day':
      return { from: ago(1) };
    case 'week':
      return { from: ago(7) };
    case 'month':
      return { from: ago(30) };
    case 'over-week':
      return { to: ago(7) };
    case 'over-month':
      return { to: ago(30) };
    default:
      return {};
  }
}

/**
 * A request number as typed ("7k3m q8zd", "7K3MQ8ZD", "7K3M-Q8Z") → its canonical form or the
 * start of one. Letters that are easy to mistake are read as Crockford base32 does (O → 0, I and
 * L → 1). Null when it cannot be part of a request number.
 * @example parseReferenceQuery('7k3m q8zo') // { reference: '7K3M-Q8Z0', complete: true }
 */
export function parseReferenceQuery(text: string): { reference: string; complete: boolean } | null {
  const chars = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars === '' || chars.length > 8 || !/^[0-9A-Z]+$/.test(chars)) return null;
  const reference = chars.length > 4 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars;
  return { reference, complete: chars.length === 8 };
}

/**
 * The query string for the filter on another page, leaving defaults out so links stay short. A
 * search travels as its token `s`, never as what was typed.
 * @example filterQuery({ ...DEFAULT_FILTER, status: 'new' }, 2) // "?status=new&page=2"
 */
export function filterQuery(filter: InboxFilter, page = filter.page): string {
  const params = new URLSearchParams();
  if (filter.view !== 'open') params.set('view', filter.view);
  if (filter.sort !== 'waiting') params.set('sort', filter.sort);
  if (filter.s) params.set('s', filter.s);
  if (filter.status !== 'any') params.set('status', filter.status);
  if (filter.locale !== 'any') params.set('locale', filter.locale);
  if (filter.age !== 'any') params.set('age', filter.age);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
