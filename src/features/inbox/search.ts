import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IndexedRequest } from '../requests/index.ts';

/**
 * Search over the session's opened entries (docs/decisions/0010): by name (case- and
 * accent-insensitive, any part), phone in any format, e-mail, and duplicates by phone or e-mail.
 * Pure: the entries come in, already opened.
 */

/** "Núñez-O'Brien" → "nunezobrien": no accents, no case, letters and digits only. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .trim();
}

/** What the index keeps per request, ready to compare. */
export type SearchItem = {
  id: string;
  reference: string;
  /** Folded words of the name, space-separated. */
  name: string;
  /** The phone's digits in E.164 ("13105550123"), or ''. */
  tel: string;
  email: string;
};

export function searchItemOf(request: IndexedRequest): SearchItem {
  const e = request.entry;
  return {
    id: request.id,
    reference: request.reference,
    name: e ? foldName(`${e.givenName} ${e.familyName}`).split(/\s+/).join(' ') : '',
    tel: e?.tel?.replace(/\D/g, '') ?? '',
    email: e?.email?.toLowerCase() ?? '',
  };
}

/** A phone number typed in any format, as E.164 digits when it is a whole number; else null. */
function wholePhone(query: string): string | null {
  const parsed = parsePhoneNumberFromString(query, 'US');
  return parsed?.isValid() ? parsed.number.replace(/\D/g, '') : null;
}

/**
 * The ids of the requests a query finds, in index order. A query of digits and phone punctuation
 * is a phone number (whole, in any format, or any run of 4 or more of its digits); one with "@"
 * an e-mail; anything else a name (every word must be in the name) or part of an e-mail.
 * @example searchItems(items, 'nunez') // the ids of "Ana Núñez-O'Brien" and any other Núñez
 */
export function searchItems(items: readonly SearchItem[], query: string): string[] {
  const q = query.trim();
  if (q === '') return [];
  if (/^[\d\s().+\-/]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length < 4) return [];
    const whole = wholePhone(q);
    return items.filter((i) => i.tel !== '' && (i.tel === whole || i.tel.includes(digits))).map((i) => i.id);
  }
  const lower = q.toLowerCase();
  if (q.includes('@')) return items.filter((i) => i.email.includes(lower)).map((i) => i.id);
  const words = foldName(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return items
    .filter((i) => words.every((w) => i.name.includes(w)) || (lower.length >= 3 && i.email.includes(lower)))
    .map((i) => i.id);
}

/**
 * For each request whose phone or e-mail another request shares, the other requests' numbers.
 * @example duplicatesOf(items).get(id) // ['K7Q2-M4XP']
 */
export function duplicatesOf(items: readonly SearchItem[]): Map<string, string[]> {
  const byKey = new Map<string, SearchItem[]>();
  for (const item of items) {
    for (const key of [item.tel && `tel:${item.tel}`, item.email && `email:${item.email}`]) {
      if (!key) continue;
      const group = byKey.get(key);
      if (group) group.push(item);
      else byKey.set(key, [item]);
    }
  }
  const others = new Map<string, Set<string>>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const item of group) {
      const set = others.get(item.id) ?? new Set<string>();
      for (const other of group) if (other.id !== item.id) set.add(other.reference);
      others.set(item.id, set);
    }
  }
  return new Map([...others].map(([id, refs]) => [id, [...refs].sort()]));
}
