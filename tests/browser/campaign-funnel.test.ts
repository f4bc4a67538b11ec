import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClinic } from '../../src/config/clinic.ts';
import type { AnalyticsReport } from '../../src/features/analytics/index.ts';
import { localDay } from '../../src/features/analytics/visitor-id.ts';
import { axeViolations, hasChromium, launchBrowser, DESKTOP_USER_AGENT } from '../setup/browser.ts';
import { runCli } from '../setup/cli-process.ts';
import { pageOnlyFor, setUpAdminByCli, signInWithCode } from '../setup/story-browser.ts';
import {
  createStore,
  STORY_ADMIN,
  storyTargets,
  startStoryServer,
  storyClock,
  type StoryServer,
  type StoryStore,
} from '../setup/story-server.ts';

// Analytics' "Done when", as a clinic's marketing person meets it, on the embedded database and
// on PostgreSQL: three campaigns (a Google ad, a Facebook post, a Spanish radio spot through a
// short link) bring visitors who read several pages; some stop at the request page, some start
// the form and leave, some send it. The dashboard's per-campaign funnel shows each step's exact
// count, a click on a campaign row filters every table, the inbox names each request's campaign
// as the dashboard does, a stats-API token reads the same numbers as `clinic report --json
// --campaign` and stops working once revoked.

const TIME_ZONE = 'America/Los_Angeles';
const targets = await storyTargets();

// The radio spot's short link, configured as a clinic would in its clinic.config.json (the
// shipped example has none). Parsed by the same parser the server runs at start; named as the
// shipped file, so its image paths resolve as they do for it.
const RADIO_TARGET = '/es/?utm_source=radio&utm_medium=audio&utm_campaign=primavera';
const shipped = JSON.parse(readFileSync('clinic.config.json', 'utf8')) as Record<string, unknown>;
const clinic = parseClinic(
  JSON.stringify({ ...shipped, shortLinks: { '/radio': RADIO_TARGET } }),
  'clinic.config.json',
);

type Step = 'visitors' | 'visits' | 'education' | 'request_page' | 'form_started' | 'requests_sent';
const STEPS: Step[] = ['visitors', 'visits', 'education', 'request_page', 'form_started', 'requests_sent'];

type Campaign = { source: string; medium: string; campaign: string; name: string } & Record<Step, number>;

// What each campaign's visitors below do, counted by hand: every visitor is one visit.
const campaign = (source: string, medium: string, name: string, steps: number[]): Campaign => ({
  source,
  medium,
  campaign: name,
  name: `${source} / ${medium} / ${name}`,
  ...(Object.fromEntries(STEPS.map((s, i) => [s, steps[i] ?? 0])) as Record<Step, number>),
});
// Visitors, visits, read an education page, reached the request page, started, sent.
const GOOGLE = campaign('google', 'cpc', 'spring_ad', [4, 4, 3, 3, 2, 1]);
const FACEBOOK = campaign('facebook', 'social', 'spring_post', [2, 2, 2, 1, 1, 1]);
const RADIO = campaign('radio', 'audio', 'primavera', [3, 3, 3, 2, 2, 2]);
/** Most visits first, as the dashboard orders them. */
const CAMPAIGNS = [GOOGLE, RADIO, FACEBOOK];
/** The three campaigns' visitors and one who came straight to the FAQ. */
const ALL_VISITORS = 4 + 2 + 3 + 1;

// The Google ad's link carries a search term and mixed case; the Facebook post lands on an
// education page (the page it links to) and is spelled as Facebook writes it.
const GOOGLE_LINK = '/en/?utm_source=google&utm_medium=cpc&utm_campaign=Spring_Ad&utm_term=back+pain';
const FACEBOOK_LINK = '/en/how-it-works?utm_source=Facebook&utm_medium=social&utm_campaign=spring_post';

let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The leading whole number of a cell ("3 (75%)" → 3). */
const leading = (text: string) => Number(/^-?[\d,]+/.exec(text.trim())?.[0]?.replace(/,/g, '') ?? NaN);

/** The rows of a dashboard table, as their cells' text (the row's heading first). */
function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`table[data-table="${id}"] tbody tr`, (rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
  );
}

/** A campaign row's figures in the dashboard's column order: visitors, visits, then each step. */
const dashboardFigures = (row: string[]) => row.slice(1, 7).map(leading);
const expectedFigures = (c: Campaign) => STEPS.map((s) => c[s]);

describe.skipIf(!hasChromium).each(targets)('three campaigns in the analytics on %s', (kind) => {
  const clock = storyClock();
  const offsite: string[] = [];
  let store: StoryStore;
  let server: StoryServer;
  let adminTotp = '';
  let admin: Page;
  let day = '';
  /** Each request sent: its reference and the campaign of the visitor who sent it. */
  const sent: { reference: string; campaign: Campaign; landing: string; term?: string }[] = [];
  let statsJson: AnalyticsReport | undefined;
  let visitorNumber = 0;

  beforeAll(async () => {
    store = await createStore(kind);
    adminTotp = await setUpAdminByCli(store, STORY_ADMIN);
    // As a clinic behind one reverse proxy (TRUSTED_PROXIES=1): the collector tells visitors apart
    // by a salted hash of their address and user agent (decision 0006), and every browser here
    // connects from 127.0.0.1 with the same user agent, so without the proxy's header they would
    // all be one visitor (and share one address's rate limits). Each visitor's browser carries
    // its own address in X-Forwarded-For, as the proxy would write it.
    server = await startStoryServer(store, clock, { clinic, trustedProxies: 1 });
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await store?.remove();
  });

  /**
   * A new visitor: a fresh browser profile (no cookie to share; none is set anyway) from an
   * address of its own. `read` opens a page, `startForm` types a first name, `sendForm` fills and
   * sends the request form. Each waits until the collector has accepted the events it caused
   * before the visitor moves on: the test's request interception drops a beacon still in flight
   * when its page is left, which a real browser would deliver.
   */
  async function newVisitor() {
    visitorNumber += 1;
    const context: BrowserContext = await browser.newContext({
      userAgent: DESKTOP_USER_AGENT,
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { 'X-Forwarded-For': `203.0.113.${visitorNumber}` },
    });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(server.baseUrl)) return route.continue();
      offsite.push(route.request().url());
      return route.abort();
    });
    let expected = 0;
    let accepted = 0;
    context.on('response', (res) => {
      if (res.url() === `${server.baseUrl}/api/event` && res.status() === 202) accepted += 1;
    });
    /** Does `action`, then waits until the collector has accepted its `events` events. */
    const counted = async (events: number, action: () => Promise<unknown>) => {
      expected += events;
      await action();
      await expect.poll(() => accepted, { timeout: 10_000 }).toBe(expected);
    };
    const page = await context.newPage();
    const read = (path: string) =>
      counted(1, async () => {
        const res = await page.goto(`${server.baseUrl}${path}`);
        expect(res?.status(), path).toBe(200);
        clock.advance(5_000);
      });
    const startForm = () => counted(1, () => page.fill('#given-name', 'Alex'));
    const sendForm = async (locale: 'en' | 'es') => {
      const n = sent.length;
      await counted(1, () => page.fill('#given-name', ['Ana', 'Wei', 'José', 'Rosa'][n] ?? 'Sam'));
      await page.fill('#family-name', 'Quillfeather');
      await page.fill('#tel', `213 555 01${String(20 + n)}`);
      await page.fill('#email', `visitor${n}@example.com`);
      await page.check('#contact-method--phone');
      await page.check('#best-time--morning');
      await page.check(locale === 'en' ? '#language--en' : '#language--es');
      await page.fill('#postal-code', '90017');
      await page.check('#pain-area--low-back');
      await page.check('#pain-duration--1-to-5-years');
      await page.check('#pain-level--6');
      await page.check('#consent');
      clock.advance(20_000);
      // The thank-you page's view and form_submitted.
      await counted(2, () =>
        Promise.all([
          page.waitForURL(/\/request\/sent|\/solicitud\/enviada/),
          page.click('button[type="submit"]'),
        ]),
      );
      const reference = (await page.locator('main').textContent())?.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
      expect(reference).toBeTruthy();
      return reference ?? '';
    };
    const leave = () => context.close();
    return { page, read, startForm, sendForm, leave };
  }

  it('Google ad: four visitors; three read, three reach the request page, two start the form, one sends it', async () => {
    const g1 = await newVisitor();
    await g1.read(GOOGLE_LINK);
    await g1.leave();

    const g2 = await newVisitor();
    await g2.read(GOOGLE_LINK);
    await g2.read('/en/how-it-works');
    await g2.read('/en/risks-and-benefits');
    await g2.read('/en/request');
    await g2.leave();

    const g3 = await newVisitor();
    await g3.read(GOOGLE_LINK);
    await g3.read('/en/how-it-works');
    await g3.read('/en/faq');
    await g3.read('/en/request');
    await g3.startForm();
    await g3.leave();

    const g4 = await newVisitor();
    await g4.read(GOOGLE_LINK);
    await g4.read('/en/how-it-works');
    await g4.read('/en/request');
    sent.push({ reference: await g4.sendForm('en'), campaign: GOOGLE, landing: '/en/', term: 'back pain' });
    await g4.leave();
  });

  it('Facebook post: two visitors land on an education page; one reads on and sends the form', async () => {
    const f1 = await newVisitor();
    await f1.read(FACEBOOK_LINK);
    await f1.leave();

    // The case the inbox once got wrong: lands with the campaign, reads another page, then sends.
    const f2 = await newVisitor();
    await f2.read(FACEBOOK_LINK);
    await f2.read('/en/risks-and-benefits');
    await f2.read('/en/request');
    sent.push({ reference: await f2.sendForm('en'), campaign: FACEBOOK, landing: '/en/how-it-works' });
    await f2.leave();
  });

  it('Spanish radio spot through the short link: three listeners read, two send the form', async () => {
    const redirect = await fetch(`${server.baseUrl}/radio`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, RADIO_TARGET]);

    const r1 = await newVisitor();
    await r1.read('/radio');
    expect(new URL(r1.page.url()).search).toBe(new URL(RADIO_TARGET, server.baseUrl).search);
    await r1.read('/es/como-funciona');
    await r1.leave();

    const r2 = await newVisitor();
    await r2.read('/radio');
    await r2.read('/es/como-funciona');
    await r2.read('/es/preguntas-frecuentes');
    await r2.read('/es/solicitud');
    sent.push({ reference: await r2.sendForm('es'), campaign: RADIO, landing: '/es/' });
    await r2.leave();

    const r3 = await newVisitor();
    await r3.read('/radio');
    await r3.read('/es/preguntas-frecuentes');
    await r3.read('/es/solicitud');
    sent.push({ reference: await r3.sendForm('es'), campaign: RADIO, landing: '/es/' });
    await r3.leave();

    // And one visitor with no campaign at all, who is in no campaign's row.
    const direct = await newVisitor();
    await direct.read('/en/faq');
    await direct.leave();
    expect(offsite).toEqual([]);
  });

  it('after the upkeep, the per-campaign funnel shows the exact count of every step', async () => {
    await server.analyticsUpkeep();
    day = localDay(clock.now(), TIME_ZONE);
    admin = await pageOnlyFor(browser, server.baseUrl, offsite, { width: 1280, height: 900 });
    await admin.goto(`${server.baseUrl}/staff/`);
    await signInWithCode(admin, clock, STORY_ADMIN, adminTotp);
    await admin.goto(`${server.baseUrl}/staff/analytics?range=today`);
    await expect(admin.locator('[data-metric="visitors"]').textContent()).resolves.toBe(String(ALL_VISITORS));
    await expect(admin.locator('[data-metric="requests"]').textContent()).resolves.toBe('4');
    await expect(admin.locator('[data-visitors-now]').textContent()).resolves.toBe(String(ALL_VISITORS));
    const rows = await tableRows(admin, 'campaigns');
    expect(rows.map((r) => r[0])).toEqual(CAMPAIGNS.map((c) => c.name));
    for (const [i, c] of CAMPAIGNS.entries())
      expect(dashboardFigures(rows[i] ?? []), c.name).toEqual(expectedFigures(c));
    // The rate between steps: Google's two of three who reached the request page started the form.
    expect(rows[0]?.[5]).toBe('2 (66.7%)');
  });

  it('a click on the Google row filters every table to that campaign, shown as removable chips', async () => {
    await Promise.all([
      admin.waitForURL(/campaign=/),
      admin.click(`table[data-table="campaigns"] tbody th a:text-is("${GOOGLE.name}")`),
    ]);
    const params = new URL(admin.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      range: 'today',
      campaign: GOOGLE.campaign,
      source: GOOGLE.source,
      medium: GOOGLE.medium,
    });
    const chips = admin.locator('nav.filter-chips a[data-filter]');
    await expect(chips.allTextContents()).resolves.toEqual([
      'Campaign: spring_ad (remove this filter) ×',
      'Source: google (remove this filter) ×',
      'Medium: cpc (remove this filter) ×',
    ]);
    // Each chip's link is this page without that one filter.
    const sourceChip = await admin.locator('a[data-filter="source"]').getAttribute('href');
    expect(Object.fromEntries(new URL(sourceChip ?? '', server.baseUrl).searchParams)).toEqual({
      range: 'today',
      campaign: GOOGLE.campaign,
      medium: GOOGLE.medium,
    });

    // The headline figures, the funnel and the breakdowns: Google's visitors only.
    await expect(admin.locator('[data-metric="visitors"]').textContent()).resolves.toBe('4');
    await expect(admin.locator('[data-metric="visits"]').textContent()).resolves.toBe('4');
    // The requests received too, by the campaign each request recorded: Google's one.
    await expect(admin.locator('[data-metric="requests"]').textContent()).resolves.toBe('1');
    expect((await tableRows(admin, 'funnel')).map((r) => leading(r[1] ?? ''))).toEqual([4, 3, 3, 2, 1]);
    const campaignRows = await tableRows(admin, 'campaigns');
    expect(campaignRows.map((r) => r[0])).toEqual([GOOGLE.name]);
    expect(dashboardFigures(campaignRows[0] ?? [])).toEqual(expectedFigures(GOOGLE));
    expect(await tableRows(admin, 'utm-sources')).toEqual([['google', '4', '4']]);
    expect(await tableRows(admin, 'channels')).toEqual([['Paid', '4', '4', '1']]);
    expect(await tableRows(admin, 'entry-pages')).toEqual([['/en/', '4', '25', '1']]);
    expect(await tableRows(admin, 'conversion-campaign')).toEqual([['spring_ad', '4', '1', '25']]);
    expect((await tableRows(admin, 'languages')).map((r) => r[0])).toEqual(['en']);
    const pages = (await tableRows(admin, 'pages')).map((r) => `${r[0]} ${r[1]}`);
    expect(pages.sort()).toEqual([
      '/en/ 4',
      '/en/faq 1',
      '/en/how-it-works 3',
      '/en/request 3',
      '/en/request/sent 1',
      '/en/risks-and-benefits 1',
    ]);
  });

  it('the filtered dashboard, chips and all, passes axe', async () => {
    const violations = await axeViolations(admin);
    expect(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    ).toEqual([]);
    await Promise.all([admin.waitForURL(/range=today$/), admin.click('a:text-is("Remove all filters")')]);
    await expect(admin.locator('[data-metric="visitors"]').textContent()).resolves.toBe(String(ALL_VISITORS));
  });

  it('the inbox names the same campaign as the dashboard for every request sent', async () => {
    expect(sent.map((s) => s.campaign.name)).toEqual([GOOGLE.name, FACEBOOK.name, RADIO.name, RADIO.name]);
    for (const request of sent) {
      await admin.goto(`${server.baseUrl}/staff/`);
      await admin
        .locator('li.request-card')
        .filter({ has: admin.locator('.reference', { hasText: request.reference }) })
        .locator('h3 a')
        .click();
      await admin.waitForURL(/\/staff\/requests\//);
      const row = (term: string) => admin.locator(`dl.details dt:text-is("${term}") + dd`).textContent();
      const expected = request.term
        ? `${request.campaign.name}, term ${request.term}`
        : request.campaign.name;
      await expect(row('Campaign'), request.reference).resolves.toBe(expected);
      await expect(row('Landing page'), request.reference).resolves.toBe(request.landing);
    }
  });

  it('a stats-API token reads the campaign’s numbers, and stops working once revoked', async () => {
    await admin.goto(`${server.baseUrl}/staff/analytics/tokens`);
    await admin.fill('#name', 'Marketing spreadsheet');
    await admin.click('button:has-text("Create token")');
    const token = (await admin.locator('#stats-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^clinic_stats_/);
    const call = () =>
      fetch(`${server.baseUrl}/api/stats?from=${day}&to=${day}&campaign=${GOOGLE.campaign}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const res = await call();
    expect(res.status).toBe(200);
    statsJson = (await res.json()) as AnalyticsReport;
    expect(statsJson.requests).toMatchObject({ total: 1, wholeSite: false });
    expect(statsJson.campaigns).toMatchObject([
      { source: 'google', medium: 'cpc', campaign: 'spring_ad', ...pick(GOOGLE) },
    ]);

    await admin.goto(`${server.baseUrl}/staff/analytics/tokens`);
    await admin.click('a:text-is("Revoke Marketing spreadsheet")');
    await admin.click('button:has-text("Revoke the token")');
    await expect(admin.locator('.notice').textContent()).resolves.toContain('The token is revoked');
    const refused = await call();
    expect(refused.status).toBe(401);
  });

  it('`clinic report --json --campaign` agrees with the dashboard and the stats API', async () => {
    // The embedded database is one process's at a time: the server lets go of it first.
    await server.stop();
    const report = await runCli(
      ['report', '--from', day, '--to', day, '--json', '--campaign', GOOGLE.campaign],
      store.env,
    );
    expect(report.code, report.stderr).toBe(0);
    const json = JSON.parse(report.stdout) as AnalyticsReport;
    expect(json.campaigns).toHaveLength(1);
    expect(json.campaigns[0]).toMatchObject({
      source: 'google',
      medium: 'cpc',
      campaign: 'spring_ad',
      ...pick(GOOGLE),
    });
    expect(json).toEqual(statsJson);
    // And nothing the visitors typed reached the server's log along the way.
    expect(server.logs.join('')).not.toContain('Quillfeather');
  });
});

/** A campaign's counts, under the report's names. */
function pick(c: Campaign): Record<Step, number> {
  return Object.fromEntries(STEPS.map((s) => [s, c[s]])) as Record<Step, number>;
}
