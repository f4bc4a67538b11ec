import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { PublicSite } from '../../src/features/content/index.ts';
import {
  buildReport,
  createAnalyticsIngest,
  resolveRange,
  rollupDirtyDays,
  TRACKER_SCRIPT,
  type AnalyticsIngest,
} from '../../src/features/analytics/index.ts';
import { localDay } from '../../src/features/analytics/visitor-id.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { axeViolations, hasChromium, launchBrowser, DESKTOP_USER_AGENT } from '../setup/browser.ts';
import { setUpClinic } from '../setup/keys.ts';
import { signIn, staffBrowser, type TestClock } from '../setup/staff.ts';
import { TEST_SITE_URL, testPublicSite } from '../setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

let db: TestDatabase;
let ingest: AnalyticsIngest;
let publicSite: PublicSite;
let server: ServerType;
let baseUrl: string;
let browser: Browser;
/** The signed-in admin's session cookie: the dashboard sits behind staff sign-in. */
let adminCookie: string;

type Row = {
  name: string;
  path: string;
  utm_source: string | null;
  utm_campaign: string | null;
  referrer: string | null;
  fields: string | null;
};

/** Everything stored so far, once `count` events have arrived (beacons are asynchronous). */
async function storedEvents(count: number): Promise<Row[]> {
  const deadline = Date.now() + 10_000;
  const read = async () => {
    await ingest.writer.flush();
    return db.query<Row>(
      'SELECT name, path, utm_source, utm_campaign, referrer, fields FROM analytics_events ORDER BY id',
    );
  };
  while ((await read()).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // A little longer, so an extra event (one too many) would show up too.
  await new Promise((r) => setTimeout(r, 300));
  return read();
}

/** A context as a visitor's browser, recording (and blocking) requests to any other host. */
async function visitorContext(options: { gpc?: boolean } = {}) {
  const context = await browser.newContext({ userAgent: DESKTOP_USER_AGENT });
  const offsite: string[] = [];
  const beacons: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith(baseUrl)) {
      offsite.push(url);
      return route.abort();
    }
    if (url.endsWith('/api/event')) beacons.push(route.request().postData() ?? '');
    return route.continue();
  });
  if (options.gpc) {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
  }
  // A tel: link would hand over to a phone app; keep the page where it is (the tracker has heard
  // the click by then: it listens in the capture phase).
  await context.addInitScript(() =>
    document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('a[href^="tel:"]')) e.preventDefault();
    }),
  );
  return { context, offsite, beacons };
}

async function expectNothingKept(context: BrowserContext, offsite: string[]) {
  expect(offsite).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  for (const page of context.pages())
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
}

const sorted = (rows: Row[]) => rows.map((r) => `${r.name} ${r.path}`).sort();

describe.skipIf(!hasChromium)('analytics in Chromium', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    const clinic = await setUpClinic(db);
    publicSite = await testPublicSite();
    const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
    ingest = createAnalyticsIngest({ db, logger, writer: { flushMs: 50 } });
    // Real time throughout: the form refuses posts "sooner than 2 s" by the app's clock.
    const clock: TestClock = { now: () => new Date(), advance: () => undefined, set: () => undefined };
    const app = createApp({
      env: { siteUrl: TEST_SITE_URL },
      db,
      logger,
      publicSite,
      analytics: ingest,
    });
    const admin = staffBrowser(app);
    const signedIn = await signIn(admin, clinic, clock);
    if (signedIn.res.status !== 303) throw new Error(`admin did not sign in (${signedIn.res.status})`);
    adminCookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  it('counts page views in both languages, the phone link, a request link and the language switch: exactly those', async () => {
    const { context, offsite, beacons } = await visitorContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/`);
    await page.click('header a[href^="tel:"]');
    await Promise.all([page.waitForURL(`${baseUrl}/es/`), page.click('header a[hreflang="es"]')]);
    await page.goto(
      `${baseUrl}/es/preguntas-frecuentes?utm_source=Newsletter&utm_campaign=spring&name=Maria`,
    );
    await Promise.all([
      page.waitForURL(`${baseUrl}/es/solicitud`),
      page.click('nav a[href="/es/solicitud"]'),
    ]);
    const expected = [
      'pageview /en/',
      'phone_click /en/',
      'language_switch /en/',
      'pageview /es/',
      'pageview /es/preguntas-frecuentes',
      'request_click /es/preguntas-frecuentes',
      'pageview /es/solicitud',
    ];
    const rows = await storedEvents(expected.length);
    expect(sorted(rows)).toEqual([...expected].sort());
    expect(rows.find((r) => r.path === '/es/preguntas-frecuentes' && r.name === 'pageview')).toMatchObject({
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      referrer: null,
    });
    // What left the browser: no typed or query value but the campaign, no identifier.
    expect(beacons.join('\n')).not.toContain('Maria');
    await expectNothingKept(context, offsite);
    await context.close();

    // The report (what the dashboard shows) counts exactly these.
    await rollupDirtyDays(db);
    const today = localDay(new Date(), 'America/Los_Angeles');
    const range = resolveRange({ kind: 'today' }, today);
    if ('error' in range) throw new Error(range.error);
    const report = await buildReport(db, range, { timeZone: 'America/Los_Angeles' });
    expect(report).toMatchObject({ visitors: 1, visits: 1, pageviews: 4 });
    const events = Object.fromEntries(report.events.map((e) => [e.value, e.events]));
    expect(events).toEqual({ phone_click: 1, language_switch: 1, request_click: 1 });
  });

  it('counts the request form started, an error (field names only) and sent: never what was typed', async () => {
    const before = (await storedEvents(0)).length;
    const { context, offsite, beacons } = await visitorContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/request`);
    const opened = Date.now();
    expect(await page.content()).toContain(publicSite.assets.url(TRACKER_SCRIPT));
    await page.fill('#given-name', 'Secret Name');
    await page.fill('#email', 'secret@example.com');
    await page.click('button[type="submit"]'); // blocked in the page: form_error
    await page.fill('#family-name', 'Núñez');
    await page.fill('#postal-code', '90017');
    await page.fill('#tel', '213 555 0142');
    for (const [name, value] of [
      ['contact-method', 'phone'],
      ['best-time', 'morning'],
      ['pain-area', 'low-back'],
      ['pain-duration', '1-to-5-years'],
      ['pain-level', '7'],
      ['treatments', 'injections'],
    ])
      await page.check(`input[name="${name}"][value="${value}"]`);
    await page.selectOption('#insurance', 'medicare');
    await page.check('#consent');
    // The form refuses a send within 2 s of the page (too fast for a person).
    await page.waitForTimeout(Math.max(0, 2_200 - (Date.now() - opened)));
    await Promise.all([page.waitForURL(/\/en\/request\/sent/), page.click('button[type="submit"]')]);

    const rows = (await storedEvents(before + 5)).slice(before);
    expect(sorted(rows)).toEqual(
      [
        'pageview /en/request',
        'form_start /en/request',
        'form_error /en/request',
        'pageview /en/request/sent',
        'form_submitted /en/request/sent',
      ].sort(),
    );
    const fields = rows.find((r) => r.name === 'form_error')?.fields?.split(',') ?? [];
    expect(fields).toContain('family-name');
    expect(fields).not.toContain('given-name');
    for (const field of fields) expect(field).toMatch(/^[a-z-]+$/);
    const sent = beacons.join('\n') + JSON.stringify(await storedEvents(0));
    for (const typed of ['Secret', 'secret@example.com', 'Núñez', '90017', '555 0142'])
      expect(sent).not.toContain(typed);
    await expectNothingKept(context, offsite);
    await context.close();

    // The report, and the dashboard page, count the form started once and sent once.
    await rollupDirtyDays(db);
    const today = localDay(new Date(), 'America/Los_Angeles');
    const range = resolveRange({ kind: 'today' }, today);
    if ('error' in range) throw new Error(range.error);
    const report = await buildReport(db, range, { timeZone: 'America/Los_Angeles' });
    const step = (name: string) => report.funnel.find((s) => s.step === name)?.visits;
    // Same address and browser as the first test, minutes apart: one visitor, one visit.
    expect(report).toMatchObject({ visitors: 1, visits: 1 });
    expect([step('request_page'), step('form_started'), step('request_sent')]).toEqual([1, 1, 1]);
    expect(report.requests.total).toBe(1);
    const html = await (
      await fetch(`${baseUrl}/staff/analytics?range=today`, { headers: { cookie: adminCookie } })
    ).text();
    expect(html).toContain(`data-metric="pageviews">${report.pageviews}<`);
    expect(html).toContain(`data-metric="requests">1<`);
  });

  it('with Global Privacy Control on, sends nothing at all', async () => {
    const before = (await storedEvents(0)).length;
    const { context, offsite, beacons } = await visitorContext({ gpc: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/faq`);
    expect(
      await page.evaluate(() => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl),
    ).toBe(true);
    await page.click('header a[href^="tel:"]');
    await Promise.all([page.waitForURL(/\/es\//), page.click('header a[hreflang="es"]')]);
    await page.waitForTimeout(500);
    expect(beacons).toEqual([]);
    expect((await storedEvents(0)).length).toBe(before);
    await expectNothingKept(context, offsite);
    await context.close();
  });

  it('shows the dashboard with the strict CSP, accessible (axe), its charts drawn', async () => {
    const { context, offsite } = await visitorContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
    // The admin's session travels as a header: the visitor context itself must keep no cookie.
    await page.setExtraHTTPHeaders({ cookie: adminCookie });
    const res = await page.goto(`${baseUrl}/staff/analytics?range=7d`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    const violations = await axeViolations(page);
    expect(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    ).toEqual([]);
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll('svg[role="img"]')].map((svg) => svg.getBoundingClientRect().width),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const width of sizes) expect(width).toBeGreaterThan(300);
    expect(problems).toEqual([]);
    await expectNothingKept(context, offsite);
    await context.close();
  });

  it('loads one first-party script, deferred, on every page, with nothing inline', async () => {
    const { context, offsite } = await visitorContext();
    const page = await context.newPage();
    for (const path of ['/en/', '/es/como-funciona', '/en/no-such-page']) {
      await page.goto(baseUrl + path);
      const scripts = await page.evaluate(() =>
        [...document.scripts]
          .filter((s) => s.type !== 'application/ld+json')
          .map((s) => ({ src: s.src, defer: s.defer })),
      );
      expect(scripts, path).toContainEqual({
        src: baseUrl + publicSite.assets.url(TRACKER_SCRIPT),
        defer: true,
      });
      expect(
        scripts.every((s) => s.src.startsWith(baseUrl)),
        path,
      ).toBe(true);
    }
    await expectNothingKept(context, offsite);
    await context.close();
  });
});
