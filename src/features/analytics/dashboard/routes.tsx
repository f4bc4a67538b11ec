import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Database } from '../../../db/client.ts';
import { CACHE_IMMUTABLE, prepare, sendPrepared } from '../../../lib/prepared-response.ts';
import { renderDocument } from '../../../ui/layout.tsx';
import { toCsv } from '../csv.ts';
import { resolveRange, type ReportRange } from '../range.ts';
import { buildReport } from '../report.ts';
import { localDay } from '../visitor-id.ts';
import { DashboardPage, DashboardShell } from './dashboard-page.tsx';
import { dashboardTables } from './tables.ts';

export type DashboardDeps = {
  db: Database;
  /** The clinic's time zone: what "today" means. */
  timeZone: string;
  /** The site's stylesheet URL (publicSite.assets.url('site.css')), if the dashboard should use it. */
  siteStylesheet?: string;
  now?: () => Date;
};

/** Rows per table on the page (and in `clinic report`); a CSV export has up to CSV_ROWS. */
export const PAGE_ROWS = 10;
const CSV_ROWS = 1000;

const css = readFileSync(new URL('./dashboard.css', import.meta.url), 'utf8');
const cssFile = prepare(css, 'text/css; charset=utf-8', CACHE_IMMUTABLE);
const CSS_PATH = `/staff/analytics/dashboard.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;

/**
 * The analytics dashboard under /staff/analytics, every route behind `requireAnalyticsAccess`
 * (staff sign-in supplies it: admin and marketing roles). Answers are private and never cached.
 * @example app.route('/', analyticsDashboardRoutes({ db, timeZone }, requireRole('admin', 'marketing')));
 */
export function analyticsDashboardRoutes(
  deps: DashboardDeps,
  requireAnalyticsAccess: MiddlewareHandler,
): Hono {
  const { db, timeZone, now = () => new Date() } = deps;
  const stylesheets = [...(deps.siteStylesheet ? [deps.siteStylesheet] : []), CSS_PATH];
  const app = new Hono();
  app.use('/staff/analytics', requireAnalyticsAccess);
  app.use('/staff/analytics/*', requireAnalyticsAccess);
  app.get(CSS_PATH, (c) => sendPrepared(c, cssFile));

  const rangeOf = (c: Context): ReportRange | { error: string } =>
    resolveRange(
      { kind: c.req.query('range'), from: c.req.query('from'), to: c.req.query('to') },
      localDay(now(), timeZone),
    );

  app.get('/staff/analytics', async (c) => {
    c.header('Cache-Control', 'no-store');
    const range = rangeOf(c);
    if ('error' in range)
      return c.html(
        await renderDocument(<RangeError message={range.error} stylesheets={stylesheets} />),
        400,
      );
    const report = await buildReport(db, range, { timeZone, limit: PAGE_ROWS });
    const page = (
      <DashboardPage
        report={report}
        range={range}
        tables={dashboardTables(report)}
        stylesheets={stylesheets}
        query={queryOf(range)}
      />
    );
    return c.html(await renderDocument(page));
  });

  app.get('/staff/analytics/export/:table', async (c) => {
    c.header('Cache-Control', 'no-store');
    const range = rangeOf(c);
    if ('error' in range) return c.text(range.error, 400);
    const report = await buildReport(db, range, { timeZone, limit: CSV_ROWS });
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

/** The query string that selects the same range again (for CSV links). */
function queryOf(range: ReportRange): string {
  const params = new URLSearchParams({ range: range.kind });
  if (range.kind === 'custom') {
    params.set('from', range.from);
    params.set('to', range.to);
  }
  return `?${params.toString()}`;
}

function RangeError({ message, stylesheets }: { message: string; stylesheets: string[] }) {
  return (
    <DashboardShell title="Analytics" stylesheets={stylesheets}>
      <h1>Analytics</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/staff/analytics">Show the last 30 days</a>
      </p>
    </DashboardShell>
  );
}
