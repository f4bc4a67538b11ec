import type { Database } from '../../db/client.ts';
import { listBreakdowns, type BreakdownRow } from './queries/breakdowns.ts';
import { countRequestsPerDay, type RequestsPoint } from './requests-per-day.ts';
import { listSeries, type SeriesPoint } from './queries/series.ts';
import { sumTotals } from './queries/totals.ts';
import {
  listCampaigns,
  listVisitBreakdowns,
  listVisitSeries,
  sumDailyCampaigns,
  sumVisitTotals,
  type CampaignRow,
} from './queries/visits.ts';
import { hasFilters, isCampaignFilter, requestOriginOf, type Filters } from './filters.ts';
import { listCampaignBreakdowns, listCampaignSeries, sumCampaignTotals } from './queries/campaign-rollup.ts';
import { goalRows, type GoalRow } from './goals.ts';
import type { Bucket, DayRange, ReportRange } from './range.ts';
import {
  conversionRows,
  funnelFrom,
  kpisFrom,
  percent,
  type ConversionRow,
  type FunnelStep,
  type Kpis,
} from './report-figures.ts';

/** Everything the dashboard shows for a range; `clinic report --json` prints this object. */
export type AnalyticsReport = Kpis & {
  range: { from: string; to: string; bucket: Bucket };
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
  channels: BreakdownRow[];
  /** The per-campaign funnel (source, medium, campaign), most visits first. */
  campaigns: CampaignFunnel[];
  /** The filters every figure here is narrowed by (empty: the whole site). */
  filters: Filters;
  devices: BreakdownRow[];
  browsers: BreakdownRow[];
  operatingSystems: BreakdownRow[];
  languages: BreakdownRow[];
  events: BreakdownRow[];
  /** Every goal (GOALS), with its count, visitors and their share of the range's visitors. */
  goals: GoalRow[];
  formErrorFields: BreakdownRow[];
  conversionBySource: ConversionRow[];
  conversionByCampaign: ConversionRow[];
  conversionByLanguage: ConversionRow[];
  /**
   * Requests received, from the intake table: under filters a request records (campaign values,
   * landing page) only the matching ones. `wholeSite`: they are all of the site's (no filter, or
   * one a request does not record, such as the device).
   */
  requests: { total: number; previousTotal: number; series: RequestsPoint[]; wholeSite: boolean };
};

/** A campaign's funnel, with each step's rate from the step before (percent), and the previous period's visits. */
export type CampaignFunnel = CampaignRow & {
  rates: { education: number; request_page: number; form_started: number; requests_sent: number };
  previous: { visits: number; requests_sent: number };
};

/** Rows per table on the dashboard and in `clinic report`. */
export const PAGE_ROWS = 10;

export type ReportOptions = {
  timeZone: string;
  /** Rows per table. */
  limit?: number;
  /** Narrow every figure to the visits that match (campaign values only: from the daily campaign rollups; else from analytics_visits). */
  filters?: Filters;
};

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
  const { timeZone, limit = 10, filters = {} } = options;
  // Without a filter the daily rollups answer (one row per day and value), and so do the daily
  // campaign rollups for a filter of campaign values only; any other filter reads the visits.
  const filtered = hasFilters(filters);
  const byCampaign = isCampaignFilter(filters);
  const rawVisits = filtered && !byCampaign;
  const totalsOf = (r: DayRange) =>
    byCampaign
      ? sumCampaignTotals(db, r, filters)
      : filtered
        ? sumVisitTotals(db, r, filters)
        : sumTotals(db, r);
  const campaignsOf = (r: DayRange, n: number) =>
    rawVisits ? listCampaigns(db, r, filters, n) : sumDailyCampaigns(db, r, n, filters);
  // The daily rollups cannot say which hour; a day's visits can (each by the hour it began).
  const seriesOf = (bucket: Bucket) =>
    rawVisits || bucket === 'hour'
      ? listVisitSeries(db, range, bucket, filters, timeZone)
      : byCampaign
        ? listCampaignSeries(db, range, bucket, filters)
        : listSeries(db, range, bucket);
  // A request records its visit's campaign values and landing page, nothing else of it.
  const origin = requestOriginOf(filters);
  const requestsOf = (r: DayRange) => countRequestsPerDay(db, r, timeZone, range.bucket, origin ?? {});
  const breakdowns = byCampaign
    ? listCampaignBreakdowns(db, range, filters, limit)
    : filtered
      ? listVisitBreakdowns(db, range, filters, limit)
      : listBreakdowns(db, range, limit);
  const [totals, previousTotals, series, b, requests, previousRequests, campaigns, previousCampaigns] =
    await Promise.all([
      totalsOf(range),
      totalsOf(range.previous),
      seriesOf(range.bucket),
      breakdowns,
      requestsOf(range),
      requestsOf(range.previous),
      campaignsOf(range, limit),
      campaignsOf(range.previous, 1000),
    ]);
  const rows = (d: keyof typeof b) => b[d] ?? [];
  const sum = (points: RequestsPoint[]) => points.reduce((n, p) => n + p.requests, 0);
  return {
    range: { from: range.from, to: range.to, bucket: range.bucket },
    previousRange: range.previous,
    ...kpisFrom(totals),
    previous: kpisFrom(previousTotals),
    series,
    funnel: funnelFrom(totals),
    previousFunnel: funnelFrom(previousTotals),
    pages: rows('page'),
    entryPages: rows('entry'),
    referrers: rows('referrer'),
    utmSources: rows('utm_source'),
    utmMediums: rows('utm_medium'),
    utmCampaigns: rows('utm_campaign'),
    devices: rows('device'),
    browsers: rows('browser'),
    operatingSystems: rows('os'),
    languages: rows('language'),
    events: rows('event'),
    goals: goalRows(rows('event'), totals.visitors),
    formErrorFields: rows('form_error_field'),
    channels: rows('channel'),
    campaigns: campaigns.map((c) => campaignFunnel(c, previousCampaigns)),
    filters,
    conversionBySource: conversionRows(rows('source')),
    conversionByCampaign: conversionRows(rows('utm_campaign')),
    conversionByLanguage: conversionRows(rows('language')),
    requests: {
      total: sum(requests),
      previousTotal: sum(previousRequests),
      series: requests,
      wholeSite: origin === null || !filtered,
    },
  };
}

const sameCampaign = (a: CampaignRow, b: CampaignRow) =>
  a.source === b.source && a.medium === b.medium && a.campaign === b.campaign;

function campaignFunnel(row: CampaignRow, previous: CampaignRow[]): CampaignFunnel {
  const before = previous.find((p) => sameCampaign(p, row));
  return {
    ...row,
    rates: {
      education: percent(row.education, row.visits),
      request_page: percent(row.request_page, row.education),
      form_started: percent(row.form_started, row.request_page),
      requests_sent: percent(row.requests_sent, row.form_started),
    },
    previous: { visits: before?.visits ?? 0, requests_sent: before?.requests_sent ?? 0 },
  };
}
