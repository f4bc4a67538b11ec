import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../requests/index.ts';
import { duplicatesOf, foldName, searchItemOf, searchItems } from './search.ts';

const entry = (
  givenName: string,
  familyName: string,
  tel: string | null,
  email: string | null,
): SearchEntry => ({
  givenName,
  familyName,
  tel,
  email,
  contactMethod: 'phone',
  bestTime: 'morning',
  language: 'en',
  languageOther: null,
});
const items = [
  searchItemOf({
    id: 'a',
    reference: 'AAAA-AAAA',
    entry: entry('Ana', "Núñez-O'Brien", '+13105550123', 'ana@x.test'),
  }),
  searchItemOf({ id: 'b', reference: 'BBBB-BBBB', entry: entry('Wei', 'Chen', '+13105550123', null) }),
  searchItemOf({ id: 'c', reference: 'CCCC-CCCC', entry: entry('Luis', 'Ortega', null, 'ANA@x.test') }),
  searchItemOf({ id: 'd', reference: 'DDDD-DDDD', entry: null }),
];

describe('foldName', () => {
  it('drops accents, case and punctuation', () => {
    expect(foldName("Núñez-O'Brien")).toBe('nunezobrien');
    expect(foldName('ÁLVAREZ  de la Peña')).toBe('alvarez  de la pena');
  });
});

describe('searchItems', () => {
  it('finds any part of a name, every word typed', () => {
    expect(searchItems(items, 'nunez')).toEqual(['a']);
    expect(searchItems(items, 'NUÑEZ ana')).toEqual(['a']);
    expect(searchItems(items, "o'brien")).toEqual(['a']);
    expect(searchItems(items, 'chen')).toEqual(['b']);
    expect(searchItems(items, 'ana')).toEqual(['a', 'c']); // a name, and from 3 letters part of an e-mail
  });

  it('finds a phone however it is written, and 4 or more of its digits', () => {
    for (const q of ['310 555 0123', '(310) 555-0123', '+13105550123', '1-310-555-0123', '0123']) {
      expect(searchItems(items, q), q).toEqual(['a', 'b']);
    }
    expect(searchItems(items, '555')).toEqual([]); // too few digits to mean anything
  });

  it('finds an e-mail, ignoring case', () => {
    expect(searchItems(items, 'ana@x.test')).toEqual(['a', 'c']);
    expect(searchItems(items, '')).toEqual([]);
  });
});

describe('duplicatesOf', () => {
  it('links requests that share a phone or an e-mail (any case)', () => {
    const dupes = duplicatesOf(items);
    expect(dupes.get('a')).toEqual(['BBBB-BBBB', 'CCCC-CCCC']);
    expect(dupes.get('b')).toEqual(['AAAA-AAAA']);
    expect(dupes.get('c')).toEqual(['AAAA-AAAA']);
    expect(dupes.has('d')).toBe(false);
  });
});
