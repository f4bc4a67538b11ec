import type { AuditFilter } from '../audit/index.ts';
import { nextDay, parseClinicDay } from './clinic-time.ts';

/**
 * The audit view's filters, read from its query string (GET form). Dates are clinic days, both
 * inclusive. Pure.
 */
export type AuditViewFilter = { actor: string; action: string; from: string; to: string; page: number };

/** Audit entries per page. */
export const AUDIT_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z][a-z0-9_.-]{0,60}$/;

/** Reads the query; a value that is not valid is dropped (the form shows it as "any"). */
export function parseAuditFilter(query: Record<string, string | undefined>): AuditViewFilter {
  const pick = (value: string | undefined, pattern: RegExp) => (value && pattern.test(value) ? value : '');
  const page = Number(query.page);
  return {
    actor: pick(query.actor, UUID),
    action: pick(query.action, ACTION),
    from: pick(query.from, DAY),
    to: pick(query.to, DAY),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/**
 * The filter listAudit takes: "to" is the end of that day in the clinic's zone.
 * @example toAuditQuery({ actor: '', action: 'request', from: '2026-11-01', to: '2026-11-30', page: 1 }, 'America/Los_Angeles')
 */
export function toAuditQuery(filter: AuditViewFilter, timeZone: string): AuditFilter {
  const from = filter.from ? parseClinicDay(filter.from, timeZone) : null;
  const to = filter.to ? parseClinicDay(nextDay(filter.to), timeZone) : null;
  return {
    ...(filter.actor ? { actorId: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** The query string for another page of the same filter. */
export function auditQuery(filter: AuditViewFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'from', 'to'] as const) if (filter[key]) params.set(key, filter[key]);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
