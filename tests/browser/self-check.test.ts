import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createAnalyticsIngest, type AnalyticsIngest } from '../../src/features/analytics/index.ts';
import { openSealed } from '../../src/features/keys/index.ts';
import { parseSealedRequest } from '../../src/features/requests/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { axeViolations, hasChromium, launchBrowser, DESKTOP_USER_AGENT } from '../setup/browser.ts';
import { setUpClinic, type TestClinic } from '../setup/keys.ts';
import { TEST_SITE_URL, testPublicSite } from '../setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

const PATHS = { en: '/en/self-check', es: '/es/autoevaluacion' } as const;
type Locale = keyof typeof PATHS;

/**
 * Answers whose values appear nowhere unless the patient sends a request (and then only sealed):
 * the field names and these choices are the markers looked for in logs, URLs, rows and events.
 */
const MARKERS = [
  'warning-signs',
  'pain-spreads',
  'past-surgery',
  'fever',
  'pregnancy',
  'low-back',
  'pain-into-limb',
];

type Walk = { signs: string; place: string; spreads: string; surgery: string; tried: string; safety: string };
const WORTH: Walk = {
  signs: 'none',
  place: 'low-back',
  spreads: 'yes',
  surgery: 'yes',
  tried: 'medication',
  safety: 'none',
};
const WALKS = {
  urgent: { ...WORTH, signs: 'fever' },
  'worth-asking': WORTH,
  'doctor-first': { ...WORTH, safety: 'pregnancy' },
  'other-first': { ...WORTH, tried: 'none' },
} as const;
const HEADINGS: Record<Locale, Record<keyof typeof WALKS, RegExp>> = {
  en: {
    urgent: /^Get urgent care now$/,
    'worth-asking': /^This may be worth asking about$/,
    'doctor-first': /^Talk to your doctor first about a possible pregnancy$/,
    'other-first': /^Other treatments usually come first$/,
  },
  es: {
    urgent: /^Busque atención urgente ahora$/,
    'worth-asking': /^Puede valer la pena preguntar/,
    'doctor-first': /^Hable primero con su médico sobre un posible embarazo$/,
    'other-first': /^Suelen venir antes otros tratamientos$/,
  },
};

let db: TestDatabase;
let clinic: TestClinic;
let ingest: AnalyticsIngest;
let server: ServerType;
let baseUrl: string;
let browser: Browser;
const logs: string[] = [];
/** Every URL any page asked for, and every analytics beacon body. */
const urls: string[] = [];
const beacons: string[] = [];

async function visitor(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, userAgent: DESKTOP_USER_AGENT });
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    urls.push(url);
    if (!url.startsWith(baseUrl)) {
      offsite.push(url);
      return route.abort();
    }
    if (url.endsWith('/api/event')) beacons.push(route.request().postData() ?? '');
    return route.continue();
  });
  // A tel: link would hand over to a phone app.
  await context.addInitScript(() =>
    document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('a[href^="tel:"]')) e.preventDefault();
    }),
  );
  return { context, offsite };
}

async function expectNothingKept(context: BrowserContext, page: Page, offsite: string[]) {
  expect(offsite).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  if (await page.evaluate(() => true).catch(() => false))
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
}

/** axe needs timers: a page without JavaScript is checked as a copy in a page with it. */
async function expectAxeClean(page: Page, what: string) {
  const copy = await browser.newContext();
  const html = (await page.content()).replace(/<script src="[^"]*" defer(="")?><\/script>/g, '');
  const target = await copy.newPage();
  await target.route(page.url(), (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await target.goto(page.url());
  const violations = await axeViolations(target);
  await copy.close();
  expect(
    violations.map((v) => `${what}: ${v.id} ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
  ).toEqual([]);
}

async function expectReflow(page: Page, what: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${what} at 320 px`,
  ).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

/** Presses Tab (or Shift+Tab) until focus is on `selector`: keyboard only. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Chooses a radio by arrowing through its group, or ticks a checkbox with Space. */
async function choose(page: Page, name: string, value: string) {
  const type = await page.getAttribute(`input[name="${name}"][value="${value}"]`, 'type');
  if (type === 'checkbox') {
    await tabTo(page, `input[name="${name}"][value="${value}"]`);
    await page.keyboard.press('Space');
    return;
  }
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 8; i++) {
    if (await page.evaluate((v) => (document.activeElement as HTMLInputElement).value === v, value)) {
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no ${name} choice ${value}`);
}

/** Presses a button by keyboard; `loads` when it sends the form. */
async function press(page: Page, selector: string, loads: boolean) {
  await tabTo(page, selector);
  const loaded = loads ? page.waitForEvent('load') : null;
  await page.keyboard.press('Enter');
  await loaded;
}

const NEXT = 'form[data-self-check] button[type="button"]:not(.secondary):not([hidden])';
const SUBMIT = 'button[data-submit]';

/** Answers every question by keyboard; with JavaScript one step at a time. */
async function walk(page: Page, answers: Walk, js: boolean) {
  const steps: [string, string][] = [
    ['warning-signs', answers.signs],
    ['pain-place', answers.place],
    ['pain-duration', '1-to-5-years'],
    ['pain-spreads', answers.spreads],
    ['past-surgery', answers.surgery],
    ['tried', answers.tried],
    ['safety', answers.safety],
  ];
  for (const [i, [name, value]] of steps.entries()) {
    if (js) {
      // Only the current question is in view.
      expect(await page.locator('fieldset[data-field]:visible').count()).toBe(1);
      expect(await page.isVisible(`fieldset[data-field="${name}"]`)).toBe(true);
    }
    await choose(page, name, value);
    if (!js) continue;
    if (name === 'warning-signs' && value !== 'none') return press(page, NEXT, true);
    if (i < steps.length - 1) await press(page, NEXT, false);
  }
  await press(page, SUBMIT, true);
}

async function storedEvents(): Promise<{ name: string; path: string }[]> {
  await ingest.writer.flush();
  return db.query('SELECT name, path FROM analytics_events ORDER BY id');
}

async function everyRow(): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const dumps = await Promise.all(
    tables.map(async ({ table_name }) => JSON.stringify(await db.query(`SELECT * FROM ${table_name}`))),
  );
  return dumps.join('\n');
}

describe.skipIf(!hasChromium)('the self-check in Chromium', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    clinic = await setUpClinic(db);
    const logger = createLogger(
      'debug',
      new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) }),
    );
    ingest = createAnalyticsIngest({ db, logger, writer: { flushMs: 50 } });
    const app = createApp({
      env: { siteUrl: TEST_SITE_URL },
      db,
      logger,
      publicSite: await testPublicSite(),
      analytics: ingest,
    });
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

  for (const js of [false, true]) {
    for (const locale of ['en', 'es'] as const) {
      it(`walks each result by keyboard ${js ? 'with' : 'without'} JavaScript, in ${locale}: axe clean, 320 px, within budget`, async () => {
        const { context, offsite } = await visitor(js);
        const page = await context.newPage();
        const bytes = new Map<string, number>();
        page.on('requestfinished', async (request) => {
          if (request.url().endsWith('/api/event')) return;
          const sizes = await request.sizes().catch(() => null);
          bytes.set(request.url(), sizes?.responseBodySize ?? 0);
        });
        for (const [kind, answers] of Object.entries(WALKS) as [keyof typeof WALKS, Walk][]) {
          bytes.clear();
          await page.goto(baseUrl + PATHS[locale]);
          if (kind === 'urgent') {
            await expectAxeClean(page, `${locale} questions`);
            await expectReflow(page, `${locale} questions`);
          }
          await walk(page, answers, js);
          expect(page.url()).toBe(baseUrl + PATHS[locale]);
          expect(await page.locator('h1').textContent()).toMatch(HEADINGS[locale][kind]);
          // The result takes focus, so a screen reader starts there.
          await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result-heading');
          if (kind === 'urgent') {
            expect(
              await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
            ).toEqual(['tel:911']);
          } else {
            expect(await page.locator('.doctor-decides').textContent()).toMatch(
              locale === 'en' ? /Only a doctor/ : /Solo un médico/,
            );
          }
          await expectAxeClean(page, `${locale} ${kind}`);
          await expectReflow(page, `${locale} ${kind}`);
          // The result page, its stylesheet and (with JavaScript) its scripts, as transferred.
          await expect.poll(() => bytes.size).toBeGreaterThanOrEqual(js ? 4 : 2);
          const total = [...bytes.values()].reduce((a, b) => a + b, 0);
          expect(total, `${locale} ${kind}: ${total} bytes`).toBeGreaterThan(2 * 1024);
          expect(total, `${locale} ${kind}: ${total} bytes`).toBeLessThanOrEqual(30 * 1024);
        }
        await expectNothingKept(context, page, offsite);
        await context.close();
      });
    }
  }

  it('counts only "started" and which result (with JavaScript); no answer in any log, URL, row or event', async () => {
    const events = await storedEvents();
    const selfCheck = events.filter((e) => e.name.startsWith('self_check_'));
    // Two JavaScript walks (en, es) of four results each; without JavaScript nothing is sent.
    expect(selfCheck.map((e) => `${e.name} ${e.path}`).sort()).toEqual(
      [PATHS.en, PATHS.es]
        .flatMap((path) => [
          ...Array(4).fill(`self_check_start ${path}`),
          `self_check_urgent ${path}`,
          `self_check_worth_asking ${path}`,
          `self_check_doctor_first ${path}`,
          `self_check_other_first ${path}`,
        ])
        .sort(),
    );
    const rows = await everyRow();
    const logged = logs.join('');
    expect(logged).toContain('/es/autoevaluacion');
    for (const marker of MARKERS) {
      expect(rows, `a row holds ${marker}`).not.toContain(marker);
      expect(logged, `a log line holds ${marker}`).not.toContain(marker);
      expect(
        urls.filter((u) => u.includes(marker)),
        `a URL holds ${marker}`,
      ).toEqual([]);
      expect(
        beacons.filter((b) => b.includes(marker)),
        `a beacon holds ${marker}`,
      ).toEqual([]);
    }
  });

  it('"Request a call back" brings the answers only when the box is ticked; sent, they are sealed in the request', async () => {
    for (const js of [false, true]) {
      const { context, offsite } = await visitor(js);
      const page = await context.newPage();
      // Not ticked: the request form opens empty of self-check answers.
      await page.goto(baseUrl + PATHS.en);
      await walk(page, WORTH, js);
      await press(page, 'form.call-back button[type="submit"]', true);
      expect(page.url()).toBe(`${baseUrl}/en/request`);
      expect(await page.locator('fieldset[data-field="self-check"]').count()).toBe(0);
      expect(await page.isChecked('#pain-area--low-back')).toBe(false);
      // Ticked: they are there, for the patient to see and change before sending.
      await page.goto(baseUrl + PATHS.en);
      await walk(page, WORTH, js);
      await tabTo(page, '#include-answers');
      await page.keyboard.press('Space');
      await press(page, 'form.call-back button[type="submit"]', true);
      expect(page.url()).toBe(`${baseUrl}/en/request`);
      expect(await page.isChecked('#pain-area--low-back')).toBe(true);
      expect(await page.isChecked('#treatments--surgery')).toBe(true);
      expect(
        await page
          .locator('fieldset[data-field="self-check"] input:checked')
          .evaluateAll((i) => i.map((x) => (x as HTMLInputElement).value)),
      ).toEqual([
        'result-worth-asking',
        'no-warning-signs',
        'no-safety-answers',
        'back-or-neck-surgery',
        'pain-into-limb',
      ]);
      await expectAxeClean(page, 'request form with self-check answers');
      await expectNothingKept(context, page, offsite);
      await context.close();
    }
    expect(await db.query('SELECT id FROM requests')).toHaveLength(0);

    // The patient sends it: the answers are sealed with the rest, and still in no clear row.
    const { context } = await visitor(false);
    const page = await context.newPage();
    await page.goto(baseUrl + PATHS.en);
    await walk(page, WORTH, false);
    await page.check('#include-answers');
    await Promise.all([page.waitForEvent('load'), page.click('form.call-back button[type="submit"]')]);
    await page.fill('#given-name', 'Ana');
    await page.fill('#family-name', 'Ruiz');
    await page.fill('#postal-code', '90017');
    await page.fill('#tel', '213 555 0142');
    await page.check('#contact-method--phone');
    await page.check('#pain-level--6');
    await page.check('#consent');
    await page.waitForTimeout(2_100);
    await Promise.all([
      page.waitForURL(/\/en\/request\/sent/),
      page.click('form[data-request-form] button[type="submit"]'),
    ]);
    const [row] = await db.query<{ id: string; sealed: Uint8Array }>('SELECT id, sealed FROM requests');
    const fields = parseSealedRequest(
      await openSealed(
        clinic.privateKey,
        new Uint8Array(row?.sealed ?? []),
        new TextEncoder().encode(row?.id),
      ),
    );
    expect(fields.selfCheck).toEqual([
      'result-worth-asking',
      'no-warning-signs',
      'no-safety-answers',
      'back-or-neck-surgery',
      'pain-into-limb',
    ]);
    expect(fields.painAreas).toEqual(['low-back']);
    for (const marker of ['low-back', 'pain-into-limb']) expect(await everyRow()).not.toContain(marker);
    await context.close();
  });
});
