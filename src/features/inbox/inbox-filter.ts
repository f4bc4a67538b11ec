import { isStatus, type Status } from '../requests/index.ts';

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

export type InboxFilter = {
  /** 'any' lists every status except purged. */
  status: Status | 'any';
  /** The language of the form the patient used. */
  locale: 'en' | 'es' | 'any';
  age: Age;
  /** What was typed in "Request number", as typed (shown back in the box). */
  q: string;
  /** 1-based. */
  page: number;
};

/** Requests per inbox page. */
export const PAGE_SIZE = 25;

export const DEFAULT_FILTER: InboxFilter = { status: 'any', locale: 'any', age: 'any', q: '', page: 1 };

/** Reads the query string; anything unknown falls back to its default rather than failing. */
export function parseInboxFilter(query: Record<string, string | undefined>): InboxFilter {
  const status = query.status;
  const locale = query.locale;
  const age = query.age as Age;
  const page = Number(query.page);
  return {
    status: isStatus(status) ? status : 'any',
    locale: locale === 'en' || locale === 'es' ? locale : 'any',
    age: (AGES as readonly string[]).includes(age) ? age : 'any',
    q: (query.q ?? '').slice(0, 20).trim(),
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
 * The query string for the filter on another page, leaving defaults out so links stay short.
 * @example filterQuery({ ...DEFAULT_FILTER, status: 'new' }, 2) // "?status=new&page=2"
 */
export function filterQuery(filter: InboxFilter, page = filter.page): string {
  const params = new URLSearchParams();
  if (filter.status !== 'any') params.set('status', filter.status);
  if (filter.locale !== 'any') params.set('locale', filter.locale);
  if (filter.age !== 'any') params.set('age', filter.age);
  if (filter.q) params.set('q', filter.q);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
