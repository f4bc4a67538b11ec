import type { Database } from '../../db/client.ts';
import { FILTER_KEYS, filtersFrom, type FilterKey, type Filters } from './filters.ts';
import { resolveRange, type ReportRange } from './range.ts';
import { buildReport, PAGE_ROWS, type AnalyticsReport } from './report.ts';

/**
 * What `clinic report` and GET /api/stats both read: a custom range (from, to: clinic days) and
 * the dashboard's filters. One reader and one builder, so the two answer the same JSON for the
 * same question. The messages name each value as the caller spells it (--from or from=).
 */
export type ReportQuery = { range: ReportRange; filters: Filters };

/** The values an enumerated filter may take (what the rollups store). */
const ALLOWED: Partial<Record<FilterKey, readonly string[]>> = {
  channel: ['paid', 'email', 'social', 'search', 'direct', 'referral', 'other'],
  language: ['en', 'es'],
  device: ['desktop', 'phone', 'tablet', 'other'],
};

export const FILTER_EXAMPLES: Record<FilterKey, string> = {
  campaign: 'spring_ad',
  source: 'google',
  medium: 'cpc',
  channel: 'paid',
  landing: '/en/how-it-works',
  page: '/en/faq',
  language: 'es',
  device: 'phone',
};

/** How a caller writes a value: `--from 2025-03-01` on the command line, `from=2025-03-01` in a URL. */
export type Spelling = (name: string, example: string) => string;

/**
 * Reads from, to and the filters, or says what is wrong with them.
 * @example readReportQuery((n) => params.get(n) ?? undefined, (n, v) => `${n}=${v}`)
 */
export function readReportQuery(
  get: (name: string) => string | undefined,
  spell: Spelling,
): ReportQuery | { error: string } {
  const from = get('from');
  const to = get('to');
  if (!from || !to)
    return { error: `Give both dates: ${spell('from', '2025-03-01')} and ${spell('to', '2025-03-31')}.` };
  const range = resolveRange({ kind: 'custom', from, to }, to);
  if ('error' in range) return range;
  for (const key of FILTER_KEYS) {
    const raw = get(key);
    if (raw === undefined) continue;
    if (raw.trim() === '')
      return {
        error: `Give a value after ${spell(key, '').trim()}, like ${spell(key, FILTER_EXAMPLES[key])}.`,
      };
  }
  const filters = filtersFrom((key) => get(key));
  for (const [key, allowed] of Object.entries(ALLOWED) as [FilterKey, readonly string[]][]) {
    const value = filters[key];
    if (value !== undefined && !allowed.includes(value))
      return { error: `Unknown ${key} "${value}": choose one of ${allowed.join(', ')}.` };
  }
  return { range, filters };
}

/** The report both the command and the API print: the dashboard's tables, PAGE_ROWS rows each. */
export function reportFor(db: Database, query: ReportQuery, timeZone: string): Promise<AnalyticsReport> {
  return buildReport(db, query.range, { timeZone, limit: PAGE_ROWS, filters: query.filters });
}

/**
 * The report of the days `from` to `to` (clinic days, the whole site), compared with as many days
 * before: what `clinic report --from --to --json` prints and the dashboard shows for that range.
 * @example await reportForDays(db, { from: '2026-11-23', to: '2026-11-29' }, 'America/Los_Angeles')
 */
export function reportForDays(
  db: Database,
  days: { from: string; to: string },
  timeZone: string,
): Promise<AnalyticsReport> {
  const range = resolveRange({ kind: 'custom', ...days }, days.to);
  if ('error' in range) throw new Error(`no report for ${days.from} to ${days.to}: ${range.error}`);
  return reportFor(db, { range, filters: {} }, timeZone);
}
