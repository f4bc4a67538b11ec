import type { CsvCell } from '../csv.ts';
import type { BreakdownRow } from '../queries/breakdowns.ts';
import type { AnalyticsReport } from '../report.ts';
import { change, percent, type ConversionRow } from '../report-figures.ts';

/** A table of the dashboard: shown as HTML, exported as CSV, from the same rows. */
export type TableSpec = { id: string; title: string; header: string[]; rows: CsvCell[][] };

const FUNNEL_LABELS: Record<string, string> = {
  landing: 'Visits (landing)',
  education: 'Viewed an education page',
  request_page: 'Viewed the request page',
  form_started: 'Started the form',
  request_sent: 'Sent a request',
};

const visitTable = (id: string, title: string, label: string, rows: BreakdownRow[]): TableSpec => ({
  id,
  title,
  header: [label, 'Visitors', 'Visits'],
  rows: rows.map((r) => [r.value, r.visitors, r.visits]),
});

const conversionTable = (id: string, title: string, label: string, rows: ConversionRow[]): TableSpec => ({
  id,
  title,
  header: [label, 'Visits', 'Requests sent', 'Conversion rate (%)'],
  rows: rows.map((r) => [r.value, r.visits, r.conversions, r.conversionRate]),
});

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
          'Requests received',
          report.requests.total,
          report.requests.previousTotal,
          change(report.requests.total, report.requests.previousTotal),
        ],
      ],
    },
    {
      id: 'over-time',
      title: 'Visitors over time',
      header: [report.range.bucket === 'day' ? 'Day' : 'Month', 'Visitors', 'Visits', 'Page views'],
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
      id: 'requests',
      title: 'Requests received',
      header: [report.range.bucket === 'day' ? 'Day' : 'Month', 'Requests'],
      rows: report.requests.series.map((p) => [p.period, p.requests]),
    },
    {
      id: 'pages',
      title: 'Top pages',
      header: ['Page', 'Page views', 'Visitors', 'Visits that sent a request'],
      rows: report.pages.map((r) => [r.value, r.pageviews, r.visitors, r.conversions]),
    },
    {
      id: 'entry-pages',
      title: 'Entry pages',
      header: ['Page', 'Visits', 'Bounce rate (%)', 'Requests sent'],
      rows: report.entryPages.map((r) => [r.value, r.visits, percent(r.bounces, r.visits), r.conversions]),
    },
    visitTable('referrers', 'Referring sites', 'Site', report.referrers),
    visitTable('utm-sources', 'Campaign sources (utm_source)', 'Source', report.utmSources),
    visitTable('utm-campaigns', 'Campaigns (utm_campaign)', 'Campaign', report.utmCampaigns),
    conversionTable('conversion-source', 'Conversion by source', 'Source', report.conversionBySource),
    conversionTable('conversion-campaign', 'Conversion by campaign', 'Campaign', report.conversionByCampaign),
    conversionTable('conversion-language', 'Conversion by language', 'Language', report.conversionByLanguage),
    visitTable('devices', 'Devices', 'Device', report.devices),
    visitTable('browsers', 'Browsers', 'Browser', report.browsers),
    visitTable('os', 'Operating systems', 'System', report.operatingSystems),
    visitTable('languages', 'Languages', 'Language', report.languages),
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
