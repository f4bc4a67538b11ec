import { runCommand } from '../../../tests/setup/command-io.ts';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { analyticsDashboardRoutes, type AnalyticsReport } from '../../features/analytics/index.ts';
import { analyticsTestApp, sendScenario, testClock } from '../../features/analytics/test-fixtures.ts';
import { reportCommand } from './report.ts';

let db: TestDatabase;

const runReport = (args: string[]) => runCommand(reportCommand, db, args);

beforeAll(async () => {
  db = await openTestDatabase();
  const clock = testClock('2025-03-01T18:00:00Z');
  const t = analyticsTestApp(db, await testPublicSite(), clock);
  await sendScenario(t.app, clock);
  // Written but not rolled up: the command rolls up what is behind before it reports.
  await t.ingest.writer.flush();
});
afterAll(() => db.close());

describe('clinic report', () => {
  it('prints the same figures as the dashboard for the same dates, as JSON', async () => {
    const { code, stdout } = await runReport(['--from', '2025-03-01', '--to', '2025-03-07', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AnalyticsReport;
    expect(report).toMatchObject({
      visitors: 3,
      visits: 4,
      pageviews: 6,
      bounceRate: 50,
      visitDurationSeconds: 120,
    });

    const guard = async (_c: unknown, next: () => Promise<void>) => next();
    const { site } = await testPublicSite();
    const routes = analyticsDashboardRoutes({ db, timeZone: 'America/Los_Angeles', site }, guard);
    const html = await (
      await routes.request('/staff/analytics?range=custom&from=2025-03-01&to=2025-03-07')
    ).text();
    const page = parse(html);
    const shown = (metric: string) =>
      Number(page.querySelector(`[data-metric="${metric}"]`)?.text.replace(/[^\d.]/g, ''));
    for (const metric of ['visitors', 'visits', 'pageviews', 'bounceRate', 'visitDurationSeconds'] as const)
      expect(shown(metric), metric).toBe(report[metric]);
    expect(shown('requests')).toBe(report.requests.total);
    const column = (id: string, index: number) =>
      page
        .querySelectorAll(`table[data-table="${id}"] tbody tr`)
        .map((tr) => tr.querySelectorAll('th, td')[index]?.text);
    expect(column('funnel', 1).map(Number)).toEqual(report.funnel.map((s) => s.visits));
    expect(column('pages', 0)).toEqual(report.pages.map((p) => p.value));
    expect(column('pages', 1).map(Number)).toEqual(report.pages.map((p) => p.pageviews));
    expect(column('over-time', 1).map(Number)).toEqual(report.series.map((p) => p.visitors));
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await runReport(['--from=2025-03-01', '--to=2025-03-01']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Unique visitors\s+3/);
    expect(stdout).toMatch(/Page views\s+6/);
  });

  it('refuses missing or impossible dates with a message and exit code 1', async () => {
    expect(await runReport(['--from', '2025-03-01'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give both dates'),
    });
    expect(await runReport(['--from', '2025-03-09', '--to', '2025-03-01'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('must not be after'),
    });
    expect((await runReport(['--from', '2025-02-30', '--to', '2025-03-01'])).code).toBe(1);
  });
});
