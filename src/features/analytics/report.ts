import type { Database } from '../../db/client.ts';
import { listBreakdowns, type BreakdownRow } from './queries/breakdowns.ts';
import { countRequestsPerDay, type RequestsPoint } from './requests-per-day.ts';
import { listSeries, type SeriesPoint } from './queries/series.ts';
import { sumTotals } from './queries/totals.ts';
import type { ReportRange } from './range.ts';
import {
  conversionRows,
  funnelFrom,
  kpisFrom,
  type ConversionRow,
  type FunnelStep,
  type Kpis,
} from './report-figures.ts';

/** Everything the dashboard shows for a range; `clinic report --json` prints this object. */
export type AnalyticsReport = Kpis & {
  range: { from: string; to: string; bucket: 'day' | 'month' };
  previousRange: { from: string; to: string };
  previous: Kpis;
  series: SeriesPoint[];
  funnel: FunnelStep[];
  previousFunnel: FunnelStep[];
  pages: BreakdownRow[];
  entryPages: BreakdownRow[];
  referrers: BreakdownRow[];
  utmSources: BreakdownRow[];
  utmMediums: BreakdownRow[];
  utmCampaigns: BreakdownRow[];
  devices: BreakdownRow[];
  browsers: BreakdownRow[];
  operatingSystems: BreakdownRow[];
  languages: BreakdownRow[];
  events: BreakdownRow[];
  formErrorFields: BreakdownRow[];
  conversionBySource: ConversionRow[];
  conversionByCampaign: ConversionRow[];
  conversionByLanguage: ConversionRow[];
  requests: { total: number; previousTotal: number; series: RequestsPoint[] };
};

/** Rows per table on the dashboard and in `clinic report`. */
export const PAGE_ROWS = 10;

export type ReportOptions = { timeZone: string; /** Rows per table. */ limit?: number };

/**
 * Builds the report of a range from the rollups only (never the raw events), together with the
 * previous period's headline figures, and the count of requests from the intake table.
 * @example const report = await buildReport(db, resolveRange({ kind: '30d' }, today), { timeZone });
 */
export async function buildReport(
  db: Database,
  range: ReportRange,
  options: ReportOptions,
): Promise<AnalyticsReport> {
  const { timeZone, limit = 10 } = options;
  const [totals, previousTotals, series, b, requests, previousRequests] = await Promise.all([
    sumTotals(db, range),
    sumTotals(db, range.previous),
    listSeries(db, range, range.bucket),
    listBreakdowns(db, range, limit),
    countRequestsPerDay(db, range, timeZone, range.bucket),
    countRequestsPerDay(db, range.previous, timeZone, range.bucket),
  ]);
  const sum = (points: RequestsPoint[]) => points.reduce((n, p) => n + p.requests, 0);
  return {
    range: { from: range.from, to: range.to, bucket: range.bucket },
    previousRange: range.previous,
    ...kpisFrom(totals),
    previous: kpisFrom(previousTotals),
    series,
    funnel: funnelFrom(totals),
    previousFunnel: funnelFrom(previousTotals),
    pages: b.page,
    entryPages: b.entry,
    referrers: b.referrer,
    utmSources: b.utm_source,
    utmMediums: b.utm_medium,
    utmCampaigns: b.utm_campaign,
    devices: b.device,
    browsers: b.browser,
    operatingSystems: b.os,
    languages: b.language,
    events: b.event,
    formErrorFields: b.form_error_field,
    conversionBySource: conversionRows(b.source),
    conversionByCampaign: conversionRows(b.utm_campaign),
    conversionByLanguage: conversionRows(b.language),
    requests: { total: sum(requests), previousTotal: sum(previousRequests), series: requests },
  };
}
