import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import type { Site } from '../../ui/site.ts';
import { analyticsDashboardRoutes } from './dashboard/routes.tsx';
import { readReportQuery, reportFor } from './report-query.ts';
import { analyticsTestApp, sendEvent, sendScenario, testClock, type Hit } from './test-fixtures.ts';

// The scenario's day (A: Google ad, request click, form started, an error, sent; B: a bounce;
// C: phone tap and language switch), and two self-check visitors: D runs it twice (urgent once),
// E comes from the same Google campaign, runs it once (worth asking) and taps the phone twice.
let db: TestDatabase;
let site: Site;
beforeAll(async () => {
  db = await openTestDatabase();
  const publicSite = await testPublicSite();
  site = publicSite.site;
  const clock = testClock('2025-03-01T18:00:00Z');
  const t = analyticsTestApp(db, publicSite, clock);
  await sendScenario(t.app, clock);
  const send = async (minutes: number, hit: Hit, address: string) => {
    clock.now = new Date(new Date('2025-03-01T19:00:00Z').getTime() + minutes * 60_000);
    expect((await sendEvent(t.app, hit, { address })).status).toBe(202);
  };
  const d = '203.0.113.4';
  await send(0, { n: 'pageview', u: '/en/self-check' }, d);
  await send(1, { n: 'self_check_start', u: '/en/self-check' }, d);
  await send(2, { n: 'self_check_urgent', u: '/en/self-check' }, d);
  await send(3, { n: 'self_check_start', u: '/en/self-check' }, d);
  const e = '203.0.113.5';
  await send(
    0,
    { n: 'pageview', u: '/en/self-check?utm_source=google&utm_medium=cpc&utm_campaign=spring' },
    e,
  );
  await send(1, { n: 'self_check_start', u: '/en/self-check' }, e);
  await send(2, { n: 'self_check_worth_asking', u: '/en/self-check' }, e);
  await send(3, { n: 'phone_click', u: '/en/self-check' }, e);
  await send(4, { n: 'phone_click', u: '/en/self-check' }, e);
  await t.settle();
});
afterAll(() => db.close());

const reportOf = async (query: string) => {
  const params = new URLSearchParams(query);
  const read = readReportQuery(
    (n) => params.get(n) ?? undefined,
    (n, v) => `${n}=${v}`,
  );
  if ('error' in read) throw new Error(read.error);
  return reportFor(db, read, 'America/Los_Angeles');
};
const figures = (goals: { goal: string; count: number; visitors: number; conversionRate: number }[]) =>
  Object.fromEntries(goals.map((g) => [g.goal, [g.count, g.visitors, g.conversionRate]]));

describe('goals', () => {
  it('counts every goal, its visitors and their share of all visitors, exactly', async () => {
    const report = await reportOf('from=2025-03-01&to=2025-03-01');
    expect(report.visitors).toBe(5);
    expect(figures(report.goals)).toEqual({
      phone_click: [3, 2, 40],
      request_click: [1, 1, 20],
      form_start: [1, 1, 20],
      form_error: [1, 1, 20],
      form_submitted: [1, 1, 20],
      language_switch: [1, 1, 20],
      self_check_start: [3, 2, 40],
      self_check_urgent: [1, 1, 20],
      self_check_worth_asking: [1, 1, 20],
      self_check_doctor_first: [0, 0, 0],
      self_check_other_first: [0, 0, 0],
    });
  });

  it('narrows like every table: the campaign’s visits only', async () => {
    const report = await reportOf('from=2025-03-01&to=2025-03-01&campaign=spring');
    expect(report.visitors).toBe(2);
    expect(figures(report.goals)).toEqual({
      phone_click: [2, 1, 50],
      request_click: [1, 1, 50],
      form_start: [1, 1, 50],
      form_error: [1, 1, 50],
      form_submitted: [1, 1, 50],
      language_switch: [0, 0, 0],
      self_check_start: [1, 1, 50],
      self_check_urgent: [0, 0, 0],
      self_check_worth_asking: [1, 1, 50],
      self_check_doctor_first: [0, 0, 0],
      self_check_other_first: [0, 0, 0],
    });
  });

  it('are a table on the dashboard, with the same words as the funnel’s event steps', async () => {
    const routes = analyticsDashboardRoutes({ db, site, timeZone: 'America/Los_Angeles' }, async (_c, next) =>
      next(),
    );
    const html = await (
      await routes.request('/staff/analytics?range=custom&from=2025-03-01&to=2025-03-01&device=phone')
    ).text();
    const page = parse(html);
    const rows = (id: string) =>
      page
        .querySelectorAll(`table[data-table="${id}"] tbody tr`)
        .map((tr) => tr.querySelectorAll('th, td').map((c) => c.text));
    // Every visitor but B (a Windows desktop) is on a phone: four visitors.
    expect(rows('goals')).toContainEqual(['Tapped the phone number', '3', '2', '50']);
    expect(rows('goals')).toContainEqual(['Started the self-check', '3', '2', '50']);
    expect(rows('goals')).toContainEqual(['Self-check result: other care first', '0', '0', '0']);
    expect(rows('goals')).toHaveLength(11);
    const funnel = rows('funnel').map((r) => r[0]);
    expect(funnel).toContain('Started the form');
    expect(funnel).toContain('Sent a request');
    expect(rows('goals').map((r) => r[0])).toEqual(
      expect.arrayContaining(['Started the form', 'Sent a request']),
    );
  });
});
