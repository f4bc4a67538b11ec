import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needlesFor, pgDump, searchTree, treeSize } from '../e2e/search.ts';
import { axeViolations, hasChromium, launchBrowser } from '../setup/browser.ts';
import { parseCsvRecords } from '../setup/csv.ts';
import { newMarker } from '../setup/patient.ts';
import { totpAt } from '../setup/staff.ts';
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

// The inbox's "Done when": a coordinator works a morning in Chromium, on the embedded database
// and on PostgreSQL. Twelve requests arrive through the public form (English and Spanish, two
// sharing a phone written differently); the coordinator finds one by a partial name typed
// without accents and one by phone, sees the duplicate mark, logs a call with no answer and a
// follow-up, logs a reached call and sees the status change, assigns one and closes two at once;
// the admin exports the open ones as CSV, which Python's csv and csv-parse read back field for field.
// Afterwards the test's marker is in no file of DATA_DIR, no pg_dump and no log line.

// Screenshots for people to look at: SHOTS_DIR=/some/dir CI=true npx vitest run tests/browser/inbox-morning.test.ts
const SHOTS = process.env.SHOTS_DIR;
const targets = await storyTargets();

let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchBrowser();
});
afterAll(() => browser?.close());

type Patient = {
  given: string;
  family: string;
  tel: string;
  email: string;
  locale: 'en' | 'es';
};

/** Twelve patients; the first and the seventh share a phone, typed two ways. */
function patients(marker: string): Patient[] {
  const people: [string, string, string][] = [
    ['Ana', 'Núñez-O’Brien', '(310) 555-0123'],
    ['Wei', 'Chen', '213 555 0101'],
    ['José', 'Álvarez', '213 555 0102'],
    ['Mary', 'Smith', '213 555 0103'],
    ['Lucía', 'Peña', '213 555 0104'],
    ['David', 'Kim', '213 555 0105'],
    ['Rosa', 'Núñez', '+1 310 555 0123'],
    ['Tom', 'Baker', '213 555 0107'],
    ['María', 'Gómez', '213 555 0108'],
    ['Sam', 'Lee', '213 555 0109'],
    ['Elena', 'Ruiz', '213 555 0110'],
    ['Paul', 'Young', '213 555 0111'],
  ];
  return people.map(([given, family, tel], i) => ({
    given,
    family,
    tel,
    email: `patient${i}.${marker.toLowerCase()}@example.com`,
    locale: i % 2 === 0 ? 'en' : 'es',
  }));
}

/** What each patient writes: two lines, a comma and quotes, as people write. */
const messageOf = (p: Patient) => `Back pain, ${p.given}.\nMy doctor said "try rest" ${p.email}`;

describe.skipIf(!hasChromium).each(targets)('a morning in the inbox on %s', (kind) => {
  const clock = storyClock();
  const marker = newMarker();
  const offsite: string[] = [];
  const people = patients(marker);
  const refs: string[] = [];
  let store: StoryStore;
  let server: StoryServer;
  let adminTotp = '';
  let coordinator: Page;

  beforeAll(async () => {
    store = await createStore(kind);
    adminTotp = await setUpAdminByCli(store, STORY_ADMIN);
    server = await startStoryServer(store, clock);
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await store?.remove();
  });

  const newPage = (width = 1280) => pageOnlyFor(browser, server.baseUrl, offsite, { width, height: 844 });

  const signIn = (page: Page, email: string, password: string, totpSecret: string) =>
    signInWithCode(page, clock, { email, password }, totpSecret);

  async function search(query: string) {
    await coordinator.fill('#q', query);
    await coordinator.click('form[action="/staff/search"] button[type="submit"]');
    await coordinator.waitForURL(/\/staff\/\?s=/);
    expect(coordinator.url()).not.toContain(encodeURIComponent(query.split(' ')[0] ?? query));
  }

  /** The cards on the page, once it has loaded. */
  async function countCards(): Promise<number> {
    await coordinator.waitForLoadState('load');
    return coordinator.locator('li.request-card').count();
  }

  /** The card of this request (not one that only names it in its duplicate mark). */
  const cardOf = (reference: string) =>
    coordinator
      .locator('li.request-card')
      .filter({ has: coordinator.locator('.reference', { hasText: reference }) });

  it('the admin signs in and invites a coordinator, who enrols on a phone', async () => {
    const admin = await newPage();
    await admin.goto(`${server.baseUrl}/staff/`);
    await signIn(admin, STORY_ADMIN.email, STORY_ADMIN.password, adminTotp);
    await admin.goto(`${server.baseUrl}/staff/staff`);
    await admin.fill('#email', 'coordinator@clinic.test');
    await admin.check('#role-coordinator');
    await admin.click('button:has-text("Create the invite link")');
    const link = (await admin.locator('#invite-link').textContent())?.trim() ?? '';
    coordinator = await newPage(390);
    await coordinator.goto(link);
    const secret = (await coordinator.locator('figure.qr code.secret').textContent())?.trim() ?? '';
    const password = 'a long passphrase for the coordinator';
    await coordinator.fill('#password', password);
    await coordinator.fill('#confirm', password);
    await coordinator.fill('#code', await totpAt(secret, clock.now()));
    await coordinator.click('button:has-text("Create my account")');
    await coordinator.goto(`${server.baseUrl}/staff/sign-in`);
    await signIn(coordinator, 'coordinator@clinic.test', password, secret);
    await expect(coordinator.locator('h1').textContent()).resolves.toBe('Inbox');
    await admin.context().close();
  });

  it('twelve patients send the public form, in English and Spanish', async () => {
    const patient = await newPage(390);
    for (const p of people) {
      await patient.goto(`${server.baseUrl}${p.locale === 'en' ? '/en/request' : '/es/solicitud'}`);
      await patient.fill('#given-name', p.given);
      await patient.fill('#family-name', p.family);
      await patient.fill('#tel', p.tel);
      await patient.fill('#email', p.email);
      await patient.check('#contact-method--phone');
      await patient.check('#best-time--morning');
      await patient.check(p.locale === 'en' ? '#language--en' : '#language--es');
      await patient.fill('#postal-code', '90017');
      await patient.check('#pain-area--low-back');
      await patient.check('#pain-duration--1-to-5-years');
      await patient.check('#pain-level--6');
      await patient.fill('#message', messageOf(p));
      await patient.check('#consent');
      clock.advance(10_000);
      await patient.click('button[type="submit"]');
      await patient.waitForURL(/\/request\/sent|\/solicitud\/enviada/);
      const reference = (await patient.locator('main').textContent())?.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
      expect(reference, p.given).toBeTruthy();
      refs.push(reference ?? '');
      clock.advance(60_000);
    }
    await patient.context().close();
    expect(new Set(refs).size).toBe(12);
  });

  it('finds a patient by part of the name typed without accents, and sees the duplicate mark', async () => {
    await coordinator.goto(`${server.baseUrl}/staff/`);
    expect(await countCards()).toBe(12);
    await search('brien');
    expect(await countCards()).toBe(1);
    await expect(
      cardOf(refs[0] ?? '')
        .locator('h3')
        .textContent(),
    ).resolves.toBe('Ana Núñez-O’Brien');
    await expect(
      cardOf(refs[0] ?? '')
        .locator('.also-sent')
        .textContent(),
    ).resolves.toContain(`also sent ${refs[6]}`);
    await search('nunez');
    expect(await countCards()).toBe(2);
    expect(await axeViolations(coordinator)).toEqual([]);
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await coordinator.screenshot({ path: `${SHOTS}/inbox-list-390-${kind}.png`, fullPage: false });
    }
    // On a 390 px phone the first request's name and tap-to-call number are on the first screen.
    const firstPhone = await coordinator
      .locator('li.request-card')
      .first()
      .locator('a[href^="tel:"]')
      .boundingBox();
    expect((firstPhone?.y ?? 9999) + (firstPhone?.height ?? 0)).toBeLessThanOrEqual(844);
  });

  it('finds both requests by the phone, however it is typed', async () => {
    for (const typed of ['310 555 0123', '(310) 555-0123', '+13105550123']) {
      await search(typed);
      expect(await countCards()).toBe(2);
    }
    await expect(
      cardOf(refs[6] ?? '')
        .locator('.also-sent')
        .textContent(),
    ).resolves.toContain(refs[0]);
  });

  it('logs a call with no answer and a follow-up: still New, no longer overdue', async () => {
    await cardOf(refs[0] ?? '')
      .locator('h3 a')
      .click();
    await coordinator.waitForURL(/\/staff\/requests\//);
    const phone = coordinator.locator('.reach a[href="tel:+13105550123"]');
    await expect(phone.textContent()).resolves.toBe('(310) 555-0123');
    // The number to tap and the preferred time are in the first screen of a 390 px phone.
    const box = await phone.boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    const prefers = await coordinator.locator('.reach', { hasText: 'Prefers' }).boundingBox();
    expect((prefers?.y ?? 9999) + (prefers?.height ?? 0)).toBeLessThanOrEqual(844);
    if (SHOTS)
      await coordinator.screenshot({ path: `${SHOTS}/inbox-request-390-${kind}.png`, fullPage: false });
    expect(await axeViolations(coordinator)).toEqual([]);
    await coordinator.check('#kind-phone-no-answer');
    await coordinator.fill('#contact-note', `No answer, try after lunch ${marker}`);
    const tomorrow = await coordinator.evaluate(() => {
      const d = new Date(Date.now() + 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
    });
    await coordinator.fill('#follow-up', tomorrow);
    await coordinator.click('button:has-text("Log contact")');
    await expect(coordinator.locator('#contact [role="status"]').textContent()).resolves.toBe(
      'Contact logged.',
    );
    await expect(coordinator.locator('dl.details dd').first().textContent()).resolves.toBe('New');
    expect(await coordinator.textContent('#history')).toContain(`No answer, try after lunch ${marker}`);
    // Back to the inbox keeps the search.
    await coordinator.click('a:has-text("Back to the inbox")');
    expect(await countCards()).toBe(2);
    await expect(cardOf(refs[0] ?? '').textContent()).resolves.toContain('Phone call · No answer');
    await expect(cardOf(refs[0] ?? '').textContent()).resolves.not.toContain('Overdue');
  });

  it('logs a reached call and sees the status change', async () => {
    await cardOf(refs[6] ?? '')
      .locator('h3 a')
      .click();
    await coordinator.check('#kind-phone-reached');
    await coordinator.click('button:has-text("Log contact")');
    await expect(coordinator.locator('#contact [role="status"]').textContent()).resolves.toBe(
      'Contact logged. Status is now Contacted.',
    );
    await expect(coordinator.locator('dl.details dd').first().textContent()).resolves.toBe('Contacted');
  });

  it('assigns one to herself: it shows under "Assigned to me"', async () => {
    await coordinator.selectOption('#assignee', { label: 'coordinator@clinic.test' });
    await coordinator.click('button:has-text("Assign")');
    await expect(coordinator.locator('#assign [role="status"]').textContent()).resolves.toBe(
      'Assigned to coordinator@clinic.test.',
    );
    await coordinator.goto(`${server.baseUrl}/staff/?view=mine`);
    expect(await countCards()).toBe(1);
    await expect(cardOf(refs[6] ?? '').count()).resolves.toBe(1);
  });

  it('closes two at once', async () => {
    await coordinator.goto(`${server.baseUrl}/staff/`);
    for (const ref of [refs[10], refs[11]]) await coordinator.check(`input[aria-label="Choose ${ref}"]`);
    await coordinator.selectOption('#bulk-status', 'closed');
    await coordinator.click('button:has-text("Apply to chosen")');
    await expect(coordinator.locator('.notice[role="status"]').textContent()).resolves.toContain(
      '2 requests changed.',
    );
    expect(await countCards()).toBe(10);
    await coordinator.goto(`${server.baseUrl}/staff/?view=closed`);
    expect(await countCards()).toBe(2);
  });

  it('the admin exports the open requests as CSV, which reads back field for field', async () => {
    const admin = await newPage();
    await admin.goto(`${server.baseUrl}/staff/`);
    await signIn(admin, STORY_ADMIN.email, STORY_ADMIN.password, adminTotp);
    await admin.check('input[name="history"]');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click('button:has-text("Export all 10 as CSV")'),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    await admin.context().close();
    // Python's csv module and csv-parse must read the same ten rows (tests/setup/csv.ts).
    const rows = parseCsvRecords(csv);
    expect(rows.map((row) => row['Request number']).sort()).toEqual(refs.slice(0, 10).sort());
    for (const [i, p] of people.slice(0, 10).entries()) {
      const row = rows.find((r) => r['Request number'] === refs[i]);
      expect(row?.['First name'], p.given).toBe(p.given);
      expect(row?.['Last name']).toBe(p.family);
      expect(row?.['E-mail']).toBe(p.email);
      expect(row?.Message).toBe(messageOf(p));
      expect(row?.['Form language']).toBe(p.locale === 'en' ? 'English' : 'Spanish');
      // The national format, which a spreadsheet shows as text without a leading apostrophe.
      expect(row?.Phone).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    }
    const first = rows.find((r) => r['Request number'] === refs[0]);
    expect(first?.Phone).toBe('(310) 555-0123');
    expect(first?.['Contact history']).toContain('No answer');
    expect(first?.Notes ?? first?.['Contact history']).toContain(`No answer, try after lunch ${marker}`);
    expect(rows.find((r) => r['Request number'] === refs[6])?.Status).toBe('Contacted');
  });

  it('nothing scrolls sideways at 320 px', async () => {
    await coordinator.setViewportSize({ width: 320, height: 700 });
    for (const path of ['/staff/', '/staff/?view=due', `/staff/requests/${await firstRequestId()}`]) {
      await coordinator.goto(`${server.baseUrl}${path}`);
      expect(
        await coordinator.evaluate(() => document.documentElement.scrollWidth),
        path,
      ).toBeLessThanOrEqual(320);
    }
  });

  async function firstRequestId(): Promise<string> {
    const [row] = await server.db.query<{ id: string }>('SELECT id::text AS id FROM requests LIMIT 1');
    return row?.id ?? '';
  }

  it('leaves the marker nowhere: DATA_DIR, a pg_dump, the logs; and talked to no one else', async () => {
    expect(offsite).toEqual([]);
    expect(server.logs.join('')).not.toContain(marker);
    expect(server.logs.join('')).not.toMatch(/Núñez|3105550123/);
    await server.stop();
    const needles = needlesFor([marker, marker.toLowerCase()]);
    const dataDir = store.env.DATA_DIR ?? '';
    if (kind === 'pglite') expect(treeSize(dataDir).bytes).toBeGreaterThan(1_000_000);
    expect(searchTree(dataDir, needles)).toEqual([]);
    if (kind === 'postgres') {
      const dump = Buffer.from(await pgDump(store.env.DATABASE_URL ?? ''), 'utf8');
      expect(dump.length).toBeGreaterThan(10_000);
      for (const needle of needles) expect(dump.includes(needle.bytes), needle.name).toBe(false);
    }
  });
});
