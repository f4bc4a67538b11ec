import { describe, expect, it } from 'vitest';
import {
  ageRange,
  DEFAULT_FILTER,
  filterQuery,
  parseInboxFilter,
  parseReferenceQuery,
} from './inbox-filter.ts';

describe('parseInboxFilter', () => {
  it('reads every filter from the query string', () => {
    expect(
      parseInboxFilter({ status: 'consult_scheduled', locale: 'es', age: 'week', q: ' 7K3M ', page: '3' }),
    ).toEqual({
      view: 'open',
      sort: 'waiting',
      s: '',
      status: 'consult_scheduled',
      locale: 'es',
      age: 'week',
      q: '7K3M',
      page: 3,
    });
  });

  it('falls back to the defaults for anything it does not know', () => {
    expect(parseInboxFilter({ status: 'deleted', locale: 'fr', age: '1y', page: '-2' })).toEqual(
      DEFAULT_FILTER,
    );
    expect(parseInboxFilter({ page: '1.5' }).page).toBe(1);
    expect(parseInboxFilter({ page: '99999' }).page).toBe(1);
  });
});

describe('ageRange', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('turns "last 7 days" into a lower bound and "more than 30 days ago" into an upper one', () => {
    expect(ageRange('week', now)).toEqual({ from: new Date('2026-11-18T12:00:00Z') });
    expect(ageRange('over-month', now)).toEqual({ to: new Date('2026-10-26T12:00:00Z') });
    expect(ageRange('any', now)).toEqual({});
  });
});

describe('parseReferenceQuery', () => {
  it('reads a whole request number however it was typed', () => {
    expect(parseReferenceQuery('7k3m q8zd')).toEqual({ reference: '7K3M-Q8ZD', complete: true });
    expect(parseReferenceQuery('7K3M-Q8ZD')).toEqual({ reference: '7K3M-Q8ZD', complete: true });
  });

  it('reads letters that look like digits as those digits', () => {
    expect(parseReferenceQuery('7K3M-Q8ZO')?.reference).toBe('7K3M-Q8Z0');
    expect(parseReferenceQuery('il00')?.reference).toBe('1100');
  });

  it('keeps the start of a number for a prefix search', () => {
    expect(parseReferenceQuery('7K3')).toEqual({ reference: '7K3', complete: false });
    expect(parseReferenceQuery('7K3MQ')).toEqual({ reference: '7K3M-Q', complete: false });
  });

  it('refuses what cannot be a request number', () => {
    expect(parseReferenceQuery('')).toBeNull();
    expect(parseReferenceQuery('7K3M-Q8ZD-X')).toBeNull();
    expect(parseReferenceQuery('ana%')).toBeNull();
  });
});

describe('filterQuery', () => {
  it('leaves defaults out and keeps the rest for the next page', () => {
    expect(filterQuery(DEFAULT_FILTER)).toBe('');
    expect(filterQuery({ ...DEFAULT_FILTER, status: 'new', locale: 'es', q: 'Núñez' }, 2)).toBe(
      '?status=new&locale=es&page=2',
    );
    expect(filterQuery({ ...DEFAULT_FILTER, view: 'due', sort: 'newest', s: 'tok3n' })).toBe(
      '?view=due&sort=newest&s=tok3n',
    );
  });
});
