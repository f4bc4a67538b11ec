import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../../tests/setup/test-db.ts';
import { analyticsTestApp, sendEvent, sendScenario, testClock } from '../test-fixtures.ts';
import type { Site } from '../../../ui/site.ts';
import { analyticsDashboardRoutes } from './routes.tsx';

let db: TestDatabase;
let site: Site;
// The scenario runs on Saturday 1 March 2025; the dashboard is read on Monday 3 March.
const clock = testClock('2025-03-01T18:00:00Z');
const letThrough: MiddlewareHandler = async (_c, next) => next();
const refuse: MiddlewareHandler = async (c) => c.text('Sign in first', 403);
const dashboard = (guard = letThrough) =>
  analyticsDashboardRoutes(
    { db, site, timeZone: 'America/Los_Angeles', now: () => new Date('2025-03-03T20:00:00Z') },
    guard,
  );

/** Inserts a request as the intake does, with only what the count may look at filled in for real. */
async function insertRequest(receivedAt: string): Promise<void> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO requests (id, reference, received_at, locale, idempotency_key, sealed)
     VALUES ($1, $2, $3, 'en', $4, '\\x00')`,
    [id, `${id.slice(0, 4)}-${id.slice(4, 8)}`.toUpperCase(), receivedAt, id],
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  const publicSite = await testPublicSite();
  site = publicSite.site;
  const t = analyticsTestApp(db, publicSite, clock);
  await sendScenario(t.app, clock);
  // A campaign name a spreadsheet would run as a formula, the day before.
  clock.now = new Date('2025-02-28T18:00:00Z');
  await sendEvent(
    t.app,
    { n: 'pageview', u: '/en/?utm_campaign=%3DHYPERLINK(%22http://x%22)' },
    { address: '203.0.113.40' },
  );
  await t.settle();
  await insertRequest('2025-03-01T18:06:00Z');
  await insertRequest('2025-03-02T07:30:00Z'); // 23:30 on 1 March in Los Angeles
  await insertRequest('2025-03-03T17:00:00Z');
  await insertRequest('2025-02-27T17:00:00Z'); // in the previous period (26–28 February)
});
afterAll(() => db.close());

const kpis = (html: string) =>
  Object.fromEntries(
    parse(html)
      .querySelectorAll('[data-metric]')
      .map((el) => [el.getAttribute('data-metric'), el.text]),
  );

describe('/staff/analytics', () => {
  it('is behind the guard it is given, CSV exports included', async () => {
    const app = dashboard(refuse);
    expect((await app.request('/staff/analytics')).status).toBe(403);
    expect((await app.request('/staff/analytics/export/pages')).status).toBe(403);
  });

  it('shows the range’s figures with the previous period, and the requests counted from the intake table', async () => {
    const res = await dashboard().request('/staff/analytics?range=custom&from=2025-03-01&to=2025-03-03');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(kpis(html)).toEqual({
      visitors: '3',
      visits: '4',
      pageviews: '6',
      bounceRate: '50%',
      visitDurationSeconds: '120 s',
      requests: '3',
    });
    const page = parse(html);
    const changes = page.querySelectorAll('.kpi-change').map((el) => el.text);
    expect(changes).toContain('up 200% from the previous period (1)'); // requests: 3 against 1
    expect(changes.filter((c) => c === 'nothing in the previous period').length).toBeGreaterThan(0);
    const rows = (id: string) =>
      page
        .querySelectorAll(`table[data-table="${id}"] tbody tr`)
        .map((tr) => tr.querySelectorAll('th, td').map((c) => c.text));
    expect(rows('funnel').map((r) => r.slice(0, 3))).toEqual([
      ['Visits (landing)', '4', '100'],
      ['Viewed an education page', '3', '75'],
      ['Viewed the request page', '1', '25'],
      ['Started the form', '1', '25'],
      ['Sent a request', '1', '25'],
    ]);
    expect(rows('requests')).toEqual([
      ['2025-03-01', '2'],
      ['2025-03-02', '0'],
      ['2025-03-03', '1'],
    ]);
    expect(rows('conversion-source')).toContainEqual(['google', '1', '1', '100']);
    expect(rows('conversion-language')).toEqual([
      ['en', '2', '1', '50'],
      ['es', '2', '0', '0'],
    ]);
    expect(rows('summary')).toContainEqual(['Unique visitors', '3', '1', '200']);
    expect(rows('summary')).toContainEqual(['Requests received', '3', '1', '200']);
  });

  it('draws accessible SVG charts, with no script and no inline style', async () => {
    const html = await (await dashboard().request('/staff/analytics?range=7d')).text();
    const page = parse(html);
    const charts = page.querySelectorAll('svg[role="img"]');
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const svg of charts) {
      const [title, desc] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
      expect(svg.querySelector(`title#${title}`)?.text).toBeTruthy();
      expect(svg.querySelector(`desc#${desc}`)?.text).toMatch(/\d/);
    }
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(page.querySelector('select[name="range"] option[selected]')?.getAttribute('value')).toBe('7d');
    const css = page.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute('href') ?? '');
    expect(css).toEqual([site.stylesheet, site.staffStylesheet]);
  });

  it('offers every table as CSV, with formula-like cells neutralised', async () => {
    const res = await dashboard().request('/staff/analytics/export/utm-campaigns?range=30d');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="analytics-utm-campaigns-2025-02-02-to-2025-03-03.csv"',
    );
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe('Campaign,Visitors,Visits');
    expect(csv).toContain('"\'=hyperlink(""http://x"")",1,1');
    expect(csv).toContain('spring,1,1');
    const page = parse(await (await dashboard().request('/staff/analytics?range=30d')).text());
    const links = page.querySelectorAll('a[download]').map((a) => a.getAttribute('href') ?? '');
    expect(links.length).toBeGreaterThanOrEqual(15);
    for (const link of links) expect((await dashboard().request(link)).status, link).toBe(200);
    expect((await dashboard().request('/staff/analytics/export/nothing')).status).toBe(404);
  });

  it('answers 400 to a bad custom range', async () => {
    const res = await dashboard().request('/staff/analytics?range=custom&from=2025-03-05&to=2025-03-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The start date must not be after the end date.');
  });
});
