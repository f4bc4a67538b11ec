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
const dashboard = (guard = letThrough, at = '2025-03-03T20:00:00Z') =>
  analyticsDashboardRoutes({ db, site, timeZone: 'America/Los_Angeles', now: () => new Date(at) }, guard);

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
    // One same-origin script (it refreshes "right now"); nothing inline.
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const scripts = page.querySelectorAll('script');
    expect(scripts.map((el) => el.getAttribute('src'))).toEqual([site.analyticsNowScript]);
    expect(scripts.map((el) => el.text)).toEqual(['']);
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

  it('shows today and yesterday by the clinic’s hour, with the requests of each hour', async () => {
    // Read at 11:20 on 1 March in Los Angeles (the scenario ran from 10:00 to 10:45).
    const today = parse(
      await (
        await dashboard(letThrough, '2025-03-01T19:20:00Z').request('/staff/analytics?range=today')
      ).text(),
    );
    const rows = (page: typeof today, id: string) =>
      page
        .querySelectorAll(`table[data-table="${id}"] tbody tr`)
        .map((tr) => tr.querySelectorAll('th, td').map((c) => c.text));
    const head = (page: typeof today, id: string) =>
      page.querySelectorAll(`table[data-table="${id}"] thead th`).map((th) => th.text);
    expect(head(today, 'over-time')[0]).toBe('Hour (clinic time)');
    const hours = rows(today, 'over-time');
    expect(hours.map((r) => r[0])).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
    );
    // Three visitors, four visits (A's second began at 10:45), six page views, all in the 10:00 hour.
    expect(hours.filter((r) => r[1] !== '0')).toEqual([['10:00', '3', '4', '6']]);
    // The 18:06 UTC request is at 10:00; the one at 07:30 UTC the next day is 23:30 on 1 March.
    expect(rows(today, 'requests').filter((r) => r[1] !== '0')).toEqual([
      ['10:00', '1'],
      ['23:00', '1'],
    ]);
    expect(today.querySelectorAll('svg[aria-labelledby^="chart-visitors-"] rect').length).toBe(48); // 24 hours × 2 series
    const yesterday = parse(
      await (
        await dashboard(letThrough, '2025-03-02T20:00:00Z').request('/staff/analytics?range=yesterday')
      ).text(),
    );
    expect(yesterday.querySelector('select[name="range"] option[selected]')?.text).toBe('Yesterday');
    expect(rows(yesterday, 'over-time').filter((r) => r[1] !== '0')).toEqual([['10:00', '3', '4', '6']]);
    expect(kpis(yesterday.toString()).visits).toBe('4');
    // Under a filter the hours count only the matching visits.
    const filtered = parse(
      await (
        await dashboard(letThrough, '2025-03-01T19:20:00Z').request(
          '/staff/analytics?range=today&campaign=spring',
        )
      ).text(),
    );
    expect(rows(filtered, 'over-time').filter((r) => r[1] !== '0')).toEqual([['10:00', '1', '1', '3']]);
  });

  it('shows the visitors of the last 30 minutes as a plain number, and as JSON for the script', async () => {
    // 10:20 in Los Angeles: A (10:00–10:05), B (10:06) and C (10:10–10:13) were all seen since 09:50.
    const at1020 = dashboard(letThrough, '2025-03-01T18:20:00Z');
    const page = parse(await (await at1020.request('/staff/analytics?range=30d')).text());
    const figure = page.querySelector('[data-visitors-now]');
    expect(figure?.text).toBe('3');
    expect(figure?.getAttribute('data-visitors-now')).toBe('/staff/analytics/now');
    expect(page.querySelector('.visitors-now')?.text).toBe(
      'Right now: 3 visitors on the site in the last 30 minutes (whole site, no filter).',
    );
    const json = await at1020.request('/staff/analytics/now');
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toEqual({ visitors: 3, minutes: 30 });
    // 10:50: only A's FAQ view (10:45) is within the window.
    expect(
      await (await dashboard(letThrough, '2025-03-01T18:50:00Z').request('/staff/analytics/now')).json(),
    ).toEqual({ visitors: 1, minutes: 30 });
    expect((await dashboard(refuse).request('/staff/analytics/now')).status).toBe(403);
  });

  it('answers 400 to a bad custom range', async () => {
    const res = await dashboard().request('/staff/analytics?range=custom&from=2025-03-05&to=2025-03-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The start date must not be after the end date.');
  });
});
