import type { CsvCell } from '../csv.ts';
import type { BreakdownRow } from '../queries/breakdowns.ts';
import type { AnalyticsReport } from '../report.ts';
import { change, percent, type ConversionRow } from '../report-figures.ts';
import { hasFilters, type FilterKey, type Filters } from '../filters.ts';
import type { Bucket } from '../range.ts';
import { goalLabel } from '../goals.ts';

const CHANNEL_LABELS: Record<string, string> = {
  search: 'Search',
  social: 'Social',
  email: 'E-mail',
  paid: 'Paid',
  direct: 'Direct',
  referral: 'Other sites',
  other: 'Other campaigns',
};

const BUCKET_LABELS: Record<Bucket, string> = { hour: 'Hour (clinic time)', day: 'Day', month: 'Month' };

const by = (key: FilterKey, rows: { value: string }[]): Filters[] => rows.map((r) => ({ [key]: r.value }));

/**
 * A table of the dashboard: shown as HTML, exported as CSV, from the same rows. `rowFilters`
 * (when given) is, per row, the filter a click on its first cell adds.
 */
export type TableSpec = {
  id: string;
  title: string;
  header: string[];
  rows: CsvCell[][];
  rowFilters?: Filters[];
};

const FUNNEL_LABELS: Record<string, string> = {
  landing: 'Visits (landing)',
  education: 'Viewed an education page',
  request_page: 'Viewed the request page',
  form_started: goalLabel('form_start'),
  request_sent: goalLabel('form_submitted'),
};

const visitTable = (
  id: string,
  title: string,
  label: string,
  rows: BreakdownRow[],
  filter?: FilterKey,
): TableSpec => ({
  id,
  title,
  header: [label, 'Visitors', 'Visits'],
  rows: rows.map((r) => [r.value, r.visitors, r.visits]),
  ...(filter ? { rowFilters: by(filter, rows) } : {}),
});

const conversionTable = (
  id: string,
  title: string,
  label: string,
  rows: ConversionRow[],
  filter?: FilterKey,
): TableSpec => ({
  id,
  title,
  header: [label, 'Visits', 'Requests sent', 'Conversion rate (%)'],
  rows: rows.map((r) => [r.value, r.visits, r.conversions, r.conversionRate]),
  ...(filter ? { rowFilters: by(filter, rows) } : {}),
});

/**
 * "Requests received", saying so when filters are in force that the requests cannot follow (a
 * request records its visit's campaign values and landing page, not its device or pages).
 */
export const requestsTitle = (report: AnalyticsReport) =>
  report.requests.wholeSite && hasFilters(report.filters)
    ? 'Requests received (whole site: the filters do not apply)'
    : 'Requests received';

/** "google / cpc / spring_ad", "(none)" where a value is missing. */
export const campaignName = (c: { source: string | null; medium: string | null; campaign: string | null }) =>
  [c.source, c.medium, c.campaign].map((v) => v ?? '(none)').join(' / ');

/** Every table of the dashboard, in page order; ids name the CSV exports. */
export function dashboardTables(report: AnalyticsReport): TableSpec[] {
  const kpi = (
    label: string,
    key: 'visitors' | 'visits' | 'pageviews' | 'bounceRate' | 'visitDurationSeconds',
  ) => [label, report[key], report.previous[key], change(report[key], report.previous[key])];
  return [
    {
      id: 'summary',
      title: 'Summary',
      header: ['Measure', 'This period', 'Previous period', 'Change (%)'],
      rows: [
        kpi('Unique visitors', 'visitors'),
        kpi('Visits', 'visits'),
        kpi('Page views', 'pageviews'),
        kpi('Bounce rate (%)', 'bounceRate'),
        kpi('Visit length (seconds)', 'visitDurationSeconds'),
        [
          requestsTitle(report),
          report.requests.total,
          report.requests.previousTotal,
          change(report.requests.total, report.requests.previousTotal),
        ],
      ],
    },
    {
      id: 'over-time',
      title: 'Visitors over time',
      header: [BUCKET_LABELS[report.range.bucket], 'Visitors', 'Visits', 'Page views'],
      rows: report.series.map((p) => [p.period, p.visitors, p.visits, p.pageviews]),
    },
    {
      id: 'funnel',
      title: 'Funnel',
      header: ['Step', 'Visits', 'Of all visits (%)', 'Previous period'],
      rows: report.funnel.map((s, i) => [
        FUNNEL_LABELS[s.step] ?? s.step,
        s.visits,
        s.percentOfLanding,
        report.previousFunnel[i]?.visits ?? 0,
      ]),
    },
    {
      id: 'campaigns',
      title: 'Funnel by campaign (source / medium / campaign)',
      header: [
        'Campaign',
        'Visitors',
        'Visits',
        'Read an education page',
        'Reached the request page',
        'Started the form',
        'Sent a request',
        'Sent, of started (%)',
        'Visits, previous period',
        'Sent, previous period',
      ],
      rows: report.campaigns.map((c) => [
        campaignName(c),
        c.visitors,
        c.visits,
        `${c.education} (${c.rates.education}%)`,
        `${c.request_page} (${c.rates.request_page}%)`,
        `${c.form_started} (${c.rates.form_started}%)`,
        c.requests_sent,
        c.rates.requests_sent,
        c.previous.visits,
        c.previous.requests_sent,
      ]),
      // A campaign row narrows to its source, medium and campaign together.
      rowFilters: report.campaigns.map((c) => ({
        ...(c.source ? { source: c.source } : {}),
        ...(c.medium ? { medium: c.medium } : {}),
        ...(c.campaign ? { campaign: c.campaign } : {}),
      })),
    },
    {
      id: 'channels',
      title: 'Channels',
      header: ['Channel', 'Visitors', 'Visits', 'Requests sent'],
      rows: report.channels.map((r) => [
        CHANNEL_LABELS[r.value] ?? r.value,
        r.visitors,
        r.visits,
        r.conversions,
      ]),
      rowFilters: by('channel', report.channels),
    },
    {
      id: 'requests',
      title: requestsTitle(report),
      header: [BUCKET_LABELS[report.range.bucket], 'Requests'],
      rows: report.requests.series.map((p) => [p.period, p.requests]),
    },
    {
      id: 'pages',
      title: 'Top pages',
      header: ['Page', 'Page views', 'Visitors', 'Visits that sent a request'],
      rows: report.pages.map((r) => [r.value, r.pageviews, r.visitors, r.conversions]),
      rowFilters: by('page', report.pages),
    },
    {
      id: 'entry-pages',
      title: 'Entry pages',
      header: ['Page', 'Visits', 'Bounce rate (%)', 'Requests sent'],
      rows: report.entryPages.map((r) => [r.value, r.visits, percent(r.bounces, r.visits), r.conversions]),
      rowFilters: by('landing', report.entryPages),
    },
    visitTable('referrers', 'Referring sites', 'Site', report.referrers),
    visitTable('utm-sources', 'Campaign sources (utm_source)', 'Source', report.utmSources, 'source'),
    visitTable('utm-mediums', 'Campaign mediums (utm_medium)', 'Medium', report.utmMediums, 'medium'),
    visitTable('utm-campaigns', 'Campaigns (utm_campaign)', 'Campaign', report.utmCampaigns, 'campaign'),
    conversionTable('conversion-source', 'Conversion by source', 'Source', report.conversionBySource),
    conversionTable(
      'conversion-campaign',
      'Conversion by campaign',
      'Campaign',
      report.conversionByCampaign,
      'campaign',
    ),
    conversionTable(
      'conversion-language',
      'Conversion by language',
      'Language',
      report.conversionByLanguage,
      'language',
    ),
    visitTable('devices', 'Devices', 'Device', report.devices, 'device'),
    visitTable('browsers', 'Browsers', 'Browser', report.browsers),
    visitTable('os', 'Operating systems', 'System', report.operatingSystems),
    visitTable('languages', 'Languages', 'Language', report.languages, 'language'),
    {
      id: 'goals',
      title: 'Goals',
      header: ['Goal', 'Count', 'Visitors', 'Of all visitors (%)'],
      rows: report.goals.map((g) => [g.label, g.count, g.visitors, g.conversionRate]),
    },
    {
      id: 'events',
      title: 'Events',
      header: ['Event', 'Count', 'Visitors'],
      rows: report.events.map((r) => [r.value, r.events, r.visitors]),
    },
    {
      id: 'form-errors',
      title: 'Form errors by field',
      header: ['Field', 'Errors', 'Visitors'],
      rows: report.formErrorFields.map((r) => [r.value, r.events, r.visitors]),
    },
  ];
}
