// One-shot hashing (node:crypto hash, Node 20.12+): no Hash object per event.
import { hash } from 'node:crypto';
import { dateTimeFormat } from '../../lib/date-format.ts';

// Formatting costs more than the rest of an event: the last answer is kept per minute (days
// start on a minute).
const lastAnswer = { key: '', day: '' };

/**
 * The calendar day of `now` in the clinic's time zone, as YYYY-MM-DD: the unit of salts, visits
 * and rollups, so "today" on the dashboard is the clinic's today.
 * @example localDay(new Date('2025-03-01T07:00:00Z'), 'America/Los_Angeles') // '2025-02-28'
 */
export function localDay(now: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(now.getTime() / 60_000)}`;
  if (lastAnswer.key === key) return lastAnswer.day;
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  lastAnswer.key = key;
  lastAnswer.day = `${part('year')}-${part('month')}-${part('day')}`;
  return lastAnswer.day;
}

export type VisitorInput = { salt: string; site: string; address: string; userAgent: string };

/**
 * A visitor id as the best privacy tools make it (Plausible, Fathom): a hash of the day's salt,
 * the site, the address and the user agent. The salt is deleted when the day ends, so the id
 * cannot be recomputed or linked to the next day's, and the address is never kept.
 * @example visitorId({ salt, site: 'https://clinic.test', address: '203.0.113.9', userAgent }) // 'q3J…' (22 chars)
 */
export function visitorId(input: VisitorInput): string {
  const data = [input.salt, input.site, input.address, input.userAgent].join('\u0000');
  // 22 base64url characters (132 bits) of the digest, encoded by the hash call itself.
  return hash('sha256', data, 'base64url').slice(0, 22);
}

/**
 * The rate-limit bucket of an address: keyed with the day's salt, so the rate_limits table holds
 * nothing that leads back to an address once the salt is gone.
 */
export function rateLimitBucket(salt: string, address: string): string {
  return `collect:${hash('sha256', `${salt}\u0000rate\u0000${address}`, 'base64url').slice(0, 16)}`;
}

/** Salt days older than `today`: the ones to delete when the day turns. */
export function expiredSaltDays(days: string[], today: string): string[] {
  return days.filter((day) => day < today);
}
