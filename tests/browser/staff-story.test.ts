import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, launchBrowser } from '../setup/browser.ts';
import { runCli } from '../setup/cli-process.ts';
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

// The whole staff story in Chromium, on the embedded database and (when
// the test server is there) on PostgreSQL: set-up by the command line, the admin signs in with
// TOTP and invites a coordinator, who enrols, signs in and works a request sent through the
// public form; the admin exports it; `clinic audit verify` passes, then fails after tampering.

const targets = await storyTargets();

let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.skipIf(!hasChromium).each(targets)('the staff story on %s', (kind) => {
  const clock = storyClock();
  const marker = newMarker();
  const offsite: string[] = [];
  let store: StoryStore;
  let server: StoryServer;
  let adminTotp = '';
  let admin: Page;
  let coordinator: Page;
  let requestPath = '';
  let reference = '';

  beforeAll(async () => {
    store = await createStore(kind);
    adminTotp = await setUpAdminByCli(store, STORY_ADMIN);
    server = await startStoryServer(store, clock);
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await store?.remove();
  });

  /** A fresh browser profile that may talk only to our server; `width` for a phone. */
  const newPage = (width = 1280) => pageOnlyFor(browser, server.baseUrl, offsite, { width, height: 800 });

  async function expectAxeClean(page: Page) {
    expect(await axeViolations(page), page.url()).toEqual([]);
  }

  /** Both sign-in steps; each member's codes are one 30-second step apart, as an app shows them. */
  const signIn = (page: Page, email: string, password: string, totpSecret: string) =>
    signInWithCode(page, clock, { email, password }, totpSecret);

  /** The admin invites a member; the member opens the link, enrols and signs in. */
  async function inviteAndEnrol(email: string, role: string, width?: number): Promise<Page> {
    await admin.goto(`${server.baseUrl}/staff/staff`);
    await admin.fill('#email', email);
    await admin.check(`#role-${role}`);
    await admin.click('button:has-text("Create the invite link")');
    const link = (await admin.locator('#invite-link').textContent())?.trim() ?? '';
    const page = await newPage(width);
    await page.goto(link);
    const secret = (await page.locator('figure.qr code.secret').textContent())?.trim() ?? '';
    const password = `a long passphrase for ${email}`;
    await page.fill('#password', password);
    await page.fill('#confirm', password);
    await page.fill('#code', await totpAt(secret, clock.now()));
    await page.click('button:has-text("Create my account")');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account is ready');
    await page.goto(`${server.baseUrl}/staff/sign-in`);
    await signIn(page, email, password, secret);
    return page;
  }

  it('the admin signs in with a password and a TOTP code, and invites a coordinator who enrols', async () => {
    admin = await newPage();
    await admin.goto(`${server.baseUrl}/staff/`);
    expect(new URL(admin.url()).pathname).toBe('/staff/sign-in');
    await signIn(admin, STORY_ADMIN.email, STORY_ADMIN.password, adminTotp);
    expect(new URL(admin.url()).pathname).toBe('/staff/');
    await expect(admin.locator('h1').textContent()).resolves.toBe('Inbox');
    coordinator = await inviteAndEnrol('coordinator@clinic.test', 'coordinator', 320);
    await expect(coordinator.locator('h1').textContent()).resolves.toBe('Inbox');
  });

  it('a patient sends the public form', async () => {
    const patient = await newPage(390);
    await patient.goto(`${server.baseUrl}/en/request`);
    await patient.fill('#given-name', `Ana${marker}`);
    await patient.fill('#family-name', 'Núñez');
    await patient.fill('#tel', '213 555 0142');
    await patient.check('#contact-method--phone');
    await patient.check('#best-time--morning');
    await patient.check('#language--es');
    await patient.fill('#postal-code', '90017');
    await patient.check('#pain-area--low-back');
    await patient.check('#pain-duration--1-to-5-years');
    await patient.check('#pain-level--7');
    await patient.fill('#message', `Me duele la espalda ${marker}.`);
    await patient.check('#consent');
    clock.advance(10_000); // a person takes longer than the form's too-fast limit
    await patient.click('button[type="submit"]');
    await expect(patient.locator('h1').textContent()).resolves.toBe('Thank you. We received your request.');
    reference = (await patient.locator('main').textContent())?.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0] ?? '';
    expect(reference).not.toBe('');
    await patient.context().close();
  });

  it('the coordinator finds it in the inbox on a phone, by keyboard, and opens it', async () => {
    await coordinator.goto(`${server.baseUrl}/staff/`);
    const card = coordinator.locator('li.request-card', { hasText: reference });
    await expect(card.locator('.status').textContent()).resolves.toBe('New');
    const name = `Ana${marker} Núñez`;
    await expect(card.locator('h3').textContent()).resolves.toBe(name);
    expect(await coordinator.textContent('main')).not.toContain(`espalda ${marker}`); // the list opens no message
    await expectAxeClean(coordinator);
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    for (let i = 0; i < 60; i++) {
      await coordinator.keyboard.press('Tab');
      if ((await coordinator.evaluate(() => document.activeElement?.textContent)) === name) break;
    }
    await coordinator.keyboard.press('Enter');
    await coordinator.waitForURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
    requestPath = new URL(coordinator.url()).pathname;
    await expect(coordinator.locator('h1').textContent()).resolves.toBe(`Request ${reference}`);
    expect(await coordinator.textContent('dl.details:nth-of-type(2)')).toContain(`Ana${marker} Núñez`);
    await expectAxeClean(coordinator);
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('sets its status, logs a call and adds a note', async () => {
    await coordinator.selectOption('#status', 'contacted');
    await coordinator.click('button:has-text("Change status")');
    await expect(coordinator.locator('#status-change [role="status"]').textContent()).resolves.toBe(
      'Status changed to Contacted.',
    );
    await coordinator.check('#kind-phone-reached');
    await coordinator.click('button:has-text("Log contact")');
    await expect(coordinator.locator('#contact [role="status"]').textContent()).resolves.toBe(
      'Contact logged.',
    );
    await coordinator.fill('#note', `Wants a Spanish-speaking coordinator. ${marker}`);
    await coordinator.click('button:has-text("Save note")');
    await expect(coordinator.locator('#notes [role="status"]').textContent()).resolves.toBe('Note saved.');
    const history = (await coordinator.textContent('#history')) ?? '';
    expect(history).toContain(`Wants a Spanish-speaking coordinator. ${marker}`);
    expect(history).toContain('Phone call: Reached');
    expect(history).toContain('Status: New → Contacted');
    await expectAxeClean(coordinator);
  });

  it('refuses a staff form sent without its CSRF token (403)', async () => {
    await coordinator
      .locator('form[action$="/notes"] input[name="csrf"]')
      .evaluate((input) => input.remove());
    await coordinator.fill('#note', 'This must not be saved.');
    const [response] = await Promise.all([
      coordinator.waitForResponse((r) => r.url().endsWith('/notes')),
      coordinator.click('button:has-text("Save note")'),
    ]);
    expect(response.status()).toBe(403);
    await expect(coordinator.locator('h1').textContent()).resolves.toBe('This form was not accepted');
    const notes = await server.db.query('SELECT 1 FROM request_notes');
    expect(notes).toHaveLength(1);
  });

  it('the admin exports it as CSV, opened in the session, with formulas neutralised', async () => {
    await admin.goto(`${server.baseUrl}/staff/`);
    await admin.check(`#pick-${requestPath.split('/').pop()}`);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click('button:has-text("Export chosen as CSV")'),
    ]);
    const rows = parseCsvRecords(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Request number': reference,
      Status: 'Contacted',
      'First name': `Ana${marker}`,
      Phone: '(213) 555-0142',
    });
    await admin.goto(`${server.baseUrl}/staff/audit`);
    const actions = await admin.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining(['Exported requests as CSV', 'Added a note', 'Opened a request']),
    );
    await expectAxeClean(admin);
  });

  it('marketing gets 403 on a request', async () => {
    const marketing = await inviteAndEnrol('marketing@clinic.test', 'marketing');
    const response = await marketing.goto(`${server.baseUrl}${requestPath}`);
    expect(response?.status()).toBe(403);
    expect(await marketing.textContent('body')).not.toContain(marker);
  });

  it('an idle session ends: the next page asks to sign in again', async () => {
    clock.advance(16 * 60_000);
    await coordinator.goto(`${server.baseUrl}${requestPath}`);
    expect(new URL(coordinator.url()).pathname).toBe('/staff/sign-in');
    expect(new URL(coordinator.url()).searchParams.get('return')).toBe(requestPath);
  });

  it('talked to no one else and logged no patient data', () => {
    expect(offsite).toEqual([]);
    expect(server.logs.join('')).not.toContain(marker);
  });

  it('`clinic audit verify` passes, and fails once an entry is altered in the database', async () => {
    await server.stop();
    const intact = await runCli(['audit', 'verify'], store.env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^Audit trail intact: \d+ entries verified\.\n$/);
    const db = await store.open();
    try {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await db.query(
        "UPDATE audit_log SET actor_email = 'someone-else@clinic.test' WHERE action = 'requests.exported'",
      );
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    } finally {
      await db.close();
    }
    const broken = await runCli(['audit', 'verify'], store.env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/Audit trail BROKEN at entry \d+: its content was changed/);
  });
});
