import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../tests/setup/command-io.ts';
import { testPublicSite } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { reportCommand } from '../../cli/commands/report.ts';
import type { Site } from '../../ui/site.ts';
import { analyticsDashboardRoutes } from './dashboard/routes.tsx';
import { resolveRange } from './range.ts';
import { buildReport, type AnalyticsReport } from './report.ts';
import { analyticsTestApp, sendEvent, testClock, type Hit } from './test-fixtures.ts';

// Three campaigns (a Google ad, a Facebook post, a Spanish radio spot) and a direct visitor, each
// reading several pages: the per-campaign funnel, the channels and every filter.
let db: TestDatabase;
let site: Site;
const DAY = '2025-03-01';

beforeAll(async () => {
  db = await openTestDatabase();
  const publicSite = await testPublicSite();
  site = publicSite.site;
  const clock = testClock('2025-03-01T18:00:00Z');
  const t = analyticsTestApp(db, publicSite, clock);
  const start = clock.now.getTime();
  const visit = async (address: string, at: number, hits: (Hit | string)[]) => {
    for (const [i, hit] of hits.entries()) {
      clock.now = new Date(start + (at + i) * 60_000);
      const body: Hit = typeof hit === 'string' ? { n: 'pageview', u: hit } : hit;
      expect((await sendEvent(t.app, body, { address })).status).toBe(202);
    }
  };
  const ad = '/en/how-it-works?utm_source=Google&utm_medium=CPC&utm_campaign=Spring_Ad';
  await visit('203.0.113.1', 0, [
    { n: 'pageview', u: ad, r: 'https://www.google.com/' },
    '/en/risks-and-benefits',
    '/en/request',
    { n: 'form_start', u: '/en/request' },
    { n: 'form_submitted', u: '/en/request' },
  ]);
  await visit('203.0.113.2', 10, [{ n: 'pageview', u: ad, r: 'https://www.google.com/' }, '/en/faq']);
  await visit('203.0.113.3', 20, [
    {
      n: 'pageview',
      u: '/en/?utm_source=facebook&utm_medium=social&utm_campaign=back_pain_post',
      r: 'https://l.facebook.com/',
    },
    '/en/conditions',
    '/en/request',
    { n: 'form_start', u: '/en/request' },
    { n: 'form_error', u: '/en/request', f: ['tel'] },
  ]);
  // The radio spot's short link redirects to the Spanish home page with its UTM values.
  await visit('203.0.113.4', 30, [
    '/es/?utm_source=radio&utm_medium=audio&utm_campaign=kxla',
    '/es/como-funciona',
    { n: 'phone_click', u: '/es/como-funciona' },
    '/es/solicitud',
    { n: 'form_start', u: '/es/solicitud' },
    { n: 'form_submitted', u: '/es/solicitud' },
  ]);
  await visit('203.0.113.5', 40, ['/en/faq', '/en/how-it-works']);
  await t.settle();
});
afterAll(() => db.close());

const report = async (filters = {}) => {
  const range = resolveRange({ kind: 'custom', from: DAY, to: DAY }, DAY);
  if ('error' in range) throw new Error(range.error);
  return buildReport(db, range, { timeZone: 'America/Los_Angeles', filters });
};
const counts = (r: AnalyticsReport) =>
  r.campaigns.map((c) => [
    c.source,
    c.medium,
    c.campaign,
    c.visitors,
    c.education,
    c.request_page,
    c.form_started,
    c.requests_sent,
  ]);

describe('the per-campaign funnel', () => {
  it('counts each campaign at each step, with the rate from the step before', async () => {
    const r = await report();
    expect(counts(r)).toEqual([
      ['google', 'cpc', 'spring_ad', 2, 2, 1, 1, 1],
      ['facebook', 'social', 'back_pain_post', 1, 1, 1, 1, 0],
      ['radio', 'audio', 'kxla', 1, 1, 1, 1, 1],
    ]);
    expect(r.campaigns[0]?.rates).toEqual({
      education: 100,
      request_page: 50,
      form_started: 100,
      requests_sent: 100,
    });
    expect(r.campaigns[0]?.previous).toEqual({ visits: 0, requests_sent: 0 });
    expect(r.funnel.map((s) => s.visits)).toEqual([5, 5, 3, 3, 2]);
  });

  it('groups visits into channels', async () => {
    const r = await report();
    expect(Object.fromEntries(r.channels.map((c) => [c.value, c.visits]))).toEqual({
      paid: 2,
      social: 1,
      other: 1,
      direct: 1,
    });
  });
});

describe('filters', () => {
  it('narrow every figure to the visits that match', async () => {
    const r = await report({ campaign: 'spring_ad' });
    expect([r.visitors, r.visits, r.pageviews]).toEqual([2, 2, 5]);
    expect(counts(r)).toEqual([['google', 'cpc', 'spring_ad', 2, 2, 1, 1, 1]]);
    expect(r.pages.map((p) => [p.value, p.pageviews])).toEqual([
      ['/en/how-it-works', 2],
      ['/en/faq', 1],
      ['/en/request', 1],
      ['/en/risks-and-benefits', 1],
    ]);
    expect(r.entryPages.map((p) => p.value)).toEqual(['/en/how-it-works']);
    expect(r.languages.map((p) => p.value)).toEqual(['en']);
    expect(r.funnel.map((s) => s.visits)).toEqual([2, 2, 1, 1, 1]);

    const spanish = await report({ language: 'es' });
    expect(counts(spanish)).toEqual([['radio', 'audio', 'kxla', 1, 1, 1, 1, 1]]);
    expect(spanish.events.map((e) => [e.value, e.events])).toEqual([
      ['form_start', 1],
      ['form_submitted', 1],
      ['phone_click', 1],
    ]);
    const readers = await report({ page: '/en/how-it-works' });
    expect(readers.visits).toBe(3);
    expect((await report({ landing: '/en/faq', device: 'phone' })).visits).toBe(1);
    expect((await report({ channel: 'social' })).visits).toBe(1);
  });

  it('are plain links on the dashboard: a campaign row filters every table, chips remove them', async () => {
    const guard = async (_c: unknown, next: () => Promise<void>) => next();
    const routes = analyticsDashboardRoutes(
      { db, timeZone: 'America/Los_Angeles', site, now: () => new Date('2025-03-01T23:00:00Z') },
      guard,
    );
    const get = async (path: string) => parse(await (await routes.request(path)).text());
    const page = await get('/staff/analytics?range=today');
    const link = page
      .querySelectorAll('table[data-table="campaigns"] tbody th a')
      .find((a) => a.text === 'google / cpc / spring_ad');
    const href = link?.getAttribute('href') ?? '';
    expect(href).toBe('/staff/analytics?range=today&campaign=spring_ad&source=google&medium=cpc');
    const filtered = await get(href);
    const column = (p: typeof page, id: string) =>
      p.querySelectorAll(`table[data-table="${id}"] tbody tr`).map((tr) => tr.querySelector('th')?.text);
    expect(column(filtered, 'campaigns')).toEqual(['google / cpc / spring_ad']);
    expect(column(filtered, 'languages')).toEqual(['en']);
    expect(column(filtered, 'channels')).toEqual(['Paid']);
    expect(filtered.querySelector('[data-metric="visitors"]')?.text).toBe('2');
    const chips = filtered.querySelectorAll('.filter-chips a[data-filter]');
    expect(chips.map((a) => a.text.replace(/\s+/g, ' ').trim())).toEqual([
      'Campaign: spring_ad (remove this filter) ×',
      'Source: google (remove this filter) ×',
      'Medium: cpc (remove this filter) ×',
    ]);
    expect(chips[0]?.getAttribute('href')).toBe('/staff/analytics?range=today&source=google&medium=cpc');
    // The period form keeps the filters; CSV links carry them.
    expect(
      filtered.querySelectorAll('form.range-form input[type=hidden]').map((i) => i.getAttribute('name')),
    ).toEqual(['campaign', 'source', 'medium']);
    expect(filtered.querySelector('#pages a[download]')?.getAttribute('href')).toBe(
      '/staff/analytics/export/pages?range=today&campaign=spring_ad&source=google&medium=cpc',
    );
  });

  it('on the command line agree with the dashboard: report --json --campaign', async () => {
    const { code, stdout } = await runCommand(reportCommand, db, [
      '--from',
      DAY,
      '--to',
      DAY,
      '--json',
      '--campaign',
      'Spring_Ad',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as AnalyticsReport;
    expect(json.filters).toEqual({ campaign: 'spring_ad' });
    expect(
      json.campaigns.map((c) => ({
        source: c.source,
        medium: c.medium,
        campaign: c.campaign,
        visitors: c.visitors,
        request_page: c.request_page,
        form_started: c.form_started,
        requests_sent: c.requests_sent,
      })),
    ).toEqual([
      {
        source: 'google',
        medium: 'cpc',
        campaign: 'spring_ad',
        visitors: 2,
        request_page: 1,
        form_started: 1,
        requests_sent: 1,
      },
    ]);
    expect(json.visitors).toBe((await report({ campaign: 'spring_ad' })).visitors);
    const bad = await runCommand(reportCommand, db, ['--from', DAY, '--to', DAY, '--campaign']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Give a value after --campaign');
  });
});
