import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Database } from '../../../db/client.ts';
import type { Site } from '../../../ui/site.ts';
import { StaffLayout } from '../../../ui/staff-layout.tsx';
import { sendStaffPage } from '../../../ui/staff-page.ts';
import { staffFrame } from '../../auth/index.ts';
import { toCsv } from '../csv.ts';
import { filterParams, filtersFrom, type Filters } from '../filters.ts';
import { resolveRange, type ReportRange } from '../range.ts';
import { buildReport, PAGE_ROWS } from '../report.ts';
import { localDay } from '../visitor-id.ts';
import { countVisitorsNow, RIGHT_NOW_MINUTES } from '../queries/recent.ts';
import { DashboardPage, type DashboardFrame } from './dashboard-page.tsx';
import { dashboardTables } from './tables.ts';
import { systemClock } from '../../../lib/clock.ts';

export type DashboardDeps = {
  db: Database;
  /** The clinic's time zone: what "today" means. */
  timeZone: string;
  /** The clinic's site: name and stylesheets for the staff frame. */
  site: Site;
  now?: () => Date;
};

/** The JSON of the "right now" figure: { visitors, minutes }. */
export const VISITORS_NOW_PATH = '/staff/analytics/now';

/** A CSV export has up to this many rows per table; the page shows PAGE_ROWS. */
const CSV_ROWS = 1000;

/**
 * The analytics dashboard under /staff/analytics, every route behind `requireAnalyticsAccess`
 * (staff sign-in supplies it: admin and marketing roles). Answers are private and never cached.
 * @example app.route('/', analyticsDashboardRoutes({ db, timeZone }, requireRole('admin', 'marketing')));
 */
export function analyticsDashboardRoutes(
  deps: DashboardDeps,
  requireAnalyticsAccess: MiddlewareHandler,
  requirePollAccess: MiddlewareHandler = requireAnalyticsAccess,
): Hono {
  const { db, timeZone, now = systemClock } = deps;
  const app = new Hono();
  app.use('/staff/analytics', requireAnalyticsAccess);
  // The "right now" poll has its own guard (one that does not restart the idle timer).
  app.use('/staff/analytics/*', (c, next) =>
    c.req.path === VISITORS_NOW_PATH ? requirePollAccess(c, next) : requireAnalyticsAccess(c, next),
  );
  // The staff frame: header with the member and sign-out, navigation by role (none without a member).
  const frameOf = (c: Context): DashboardFrame =>
    c.get('staff') ? staffFrame(c, deps.site) : { site: deps.site, staff: null };

  const rangeOf = (c: Context): ReportRange | { error: string } =>
    resolveRange(
      { kind: c.req.query('range'), from: c.req.query('from'), to: c.req.query('to') },
      localDay(now(), timeZone),
    );

  app.get('/staff/analytics', async (c) => {
    const range = rangeOf(c);
    if ('error' in range)
      return sendStaffPage(c, <RangeError frame={frameOf(c)} message={range.error} />, 400);
    const [report, visitorsNow] = await Promise.all([
      buildReport(db, range, { timeZone, limit: PAGE_ROWS, filters: filtersOf(c) }),
      countVisitorsNow(db, now(), timeZone),
    ]);
    const page = (
      <DashboardPage
        frame={frameOf(c)}
        report={report}
        visitorsNow={{ visitors: visitorsNow, minutes: RIGHT_NOW_MINUTES, endpoint: VISITORS_NOW_PATH }}
        range={range}
        tables={dashboardTables(report)}
        queryOf={(filters) => queryOf(range, filters)}
      />
    );
    return sendStaffPage(c, page);
  });

  // The "right now" figure alone, for the dashboard's script: counts only, never cached.
  app.get(VISITORS_NOW_PATH, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ visitors: await countVisitorsNow(db, now(), timeZone), minutes: RIGHT_NOW_MINUTES });
  });

  app.get('/staff/analytics/export/:table', async (c) => {
    c.header('Cache-Control', 'no-store');
    const range = rangeOf(c);
    if ('error' in range) return c.text(range.error, 400);
    const report = await buildReport(db, range, { timeZone, limit: CSV_ROWS, filters: filtersOf(c) });
    const table = dashboardTables(report).find((t) => t.id === c.req.param('table'));
    if (!table) return c.text('No such table.', 404);
    c.header(
      'Content-Disposition',
      `attachment; filename="analytics-${table.id}-${range.from}-to-${range.to}.csv"`,
    );
    return c.body(toCsv(table.header, table.rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
  return app;
}

const filtersOf = (c: Context) => filtersFrom((key) => c.req.query(key));

/** The query string that selects the same range and filters again: shareable among staff. */
function queryOf(range: ReportRange, filters: Filters): string {
  const params = new URLSearchParams({ range: range.kind });
  if (range.kind === 'custom') {
    params.set('from', range.from);
    params.set('to', range.to);
  }
  for (const [key, value] of filterParams(filters)) params.set(key, value);
  return `?${params.toString()}`;
}

function RangeError({ frame, message }: { frame: DashboardFrame; message: string }) {
  return (
    <StaffLayout {...frame} title="Analytics" current="analytics">
      <h1>Analytics</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/staff/analytics">Show the last 30 days</a>
      </p>
    </StaffLayout>
  );
}
