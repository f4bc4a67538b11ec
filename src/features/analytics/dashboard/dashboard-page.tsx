import { StaffLayout, type StaffLayoutProps } from '../../../ui/staff-layout.tsx';
import type { ReportRange } from '../range.ts';
import type { AnalyticsReport } from '../report.ts';
import { BarChart, ColumnChart } from './charts.tsx';
import { DataTable, FilterChips, KpiList, RangeForm } from './parts.tsx';
import { FILTER_KEYS, type FilterKey, type Filters } from '../filters.ts';
import { requestsTitle, type TableSpec } from './tables.ts';

/** What the staff frame needs: the site, who is signed in, and the CSRF token for sign-out. */
export type DashboardFrame = Pick<StaffLayoutProps, 'site' | 'staff' | 'csrf'>;

export type DashboardPageProps = {
  frame: DashboardFrame;
  report: AnalyticsReport;
  range: ReportRange;
  tables: TableSpec[];
  /** The query string of a range and filters (the page's own address, CSV links, row links). */
  queryOf: (filters: Filters) => string;
  /** Visitors in the last `minutes` (whole site), and the JSON endpoint the page's script polls. */
  visitorsNow: { visitors: number; minutes: number; endpoint: string };
};

/** /staff/analytics: headline figures, charts with their tables, every breakdown, CSV links. */
export function DashboardPage({ frame, report, range, tables, queryOf, visitorsNow }: DashboardPageProps) {
  const table = (id: string) => tables.find((t) => t.id === id) as TableSpec;
  const filters = report.filters;
  const csv = (id: string) => `/staff/analytics/export/${id}${queryOf(filters)}`;
  const page = (f: Filters) => `/staff/analytics${queryOf(f)}`;
  const adding = (more: Filters) => page({ ...filters, ...more });
  const without = (key: FilterKey) =>
    page(Object.fromEntries(FILTER_KEYS.filter((k) => k !== key && filters[k]).map((k) => [k, filters[k]])));
  const labels = report.series.map((p) => p.period);
  const period = range.from === range.to ? range.from : `${range.from} to ${range.to}`;
  return (
    <StaffLayout {...frame} title="Analytics" current="analytics" scripts={[frame.site.analyticsNowScript]}>
      <h1>Analytics</h1>
      <p class="visitors-now">
        {'Right now: '}
        <strong data-visitors-now={visitorsNow.endpoint}>
          {visitorsNow.visitors.toLocaleString('en-US')}
        </strong>
        {` visitors on the site in the last ${visitorsNow.minutes} minutes (whole site, no filter).`}
      </p>
      <p>{`${period}, compared with ${report.previousRange.from} to ${report.previousRange.to}. Figures are updated every minute. A visitor is counted once per day: no cookie or lasting identifier is used.`}</p>
      {frame.staff?.role === 'admin' ? (
        <p>
          <a href="/staff/analytics/tokens">Stats API tokens</a>: let a script read these figures as JSON.
        </p>
      ) : null}
      <RangeForm kind={range.kind} from={range.from} to={range.to} filters={filters} />
      <FilterChips filters={filters} without={without} clear={page({})} />
      <KpiList
        items={[
          {
            key: 'visitors',
            label: 'Unique visitors',
            value: report.visitors,
            previous: report.previous.visitors,
          },
          { key: 'visits', label: 'Visits', value: report.visits, previous: report.previous.visits },
          {
            key: 'pageviews',
            label: 'Page views',
            value: report.pageviews,
            previous: report.previous.pageviews,
          },
          {
            key: 'bounceRate',
            label: 'Bounce rate',
            value: report.bounceRate,
            previous: report.previous.bounceRate,
            unit: '%',
          },
          {
            key: 'visitDurationSeconds',
            label: 'Visit length',
            value: report.visitDurationSeconds,
            previous: report.previous.visitDurationSeconds,
            unit: ' s',
          },
          {
            key: 'requests',
            label: requestsTitle(report),
            value: report.requests.total,
            previous: report.requests.previousTotal,
          },
        ]}
      />
      <ColumnChart
        id="chart-visitors"
        title="Visitors and page views over time"
        labels={labels}
        series={[
          { name: 'Visitors', values: report.series.map((p) => p.visitors) },
          { name: 'Page views', values: report.series.map((p) => p.pageviews) },
        ]}
      />
      <DataTable table={table('over-time')} csvHref={csv('over-time')} />
      <BarChart
        id="chart-funnel"
        title="Funnel: from landing to a request sent"
        labels={table('funnel').rows.map((r) => String(r[0]))}
        values={report.funnel.map((s) => s.visits)}
      />
      <DataTable table={table('funnel')} csvHref={csv('funnel')} />
      <ColumnChart
        id="chart-requests"
        title={requestsTitle(report)}
        labels={report.requests.series.map((p) => p.period)}
        series={[{ name: 'Requests', values: report.requests.series.map((p) => p.requests) }]}
      />
      {tables
        .filter((t) => !['over-time', 'funnel'].includes(t.id))
        .map((t) => (
          <DataTable table={t} csvHref={csv(t.id)} filterHref={adding} />
        ))}
    </StaffLayout>
  );
}
