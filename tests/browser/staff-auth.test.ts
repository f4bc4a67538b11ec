import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, isolatedContext, launchBrowser } from '../setup/browser.ts';
import { setUpClinic, type TestClinic } from '../setup/keys.ts';
import { freePort } from '../setup/server-process.ts';
import { totpAt } from '../setup/staff.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';

// The real app on a loopback port whose SITE_URL is that very origin (plain http), so the
// browser's Origin header matches and the cookie is "clinic_session" without Secure.
let testApp: TestApp;
let server: ServerType;
let baseUrl: string;
let browser: Browser;
let clinic: TestClinic;

async function expectAccessible(page: Page, label: string) {
  const violations = await axeViolations(page);
  expect(violations.map((v) => `${label}: ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual(
    [],
  );
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${label} at 320 px`,
  ).toBeLessThanOrEqual(320);
}

/** Presses Tab until the element with `id` has focus (at most 20 times), as a keyboard user would. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 20; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

describe.skipIf(!hasChromium)('staff sign-in in Chromium', () => {
  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    testApp = await createTestApp({ siteUrl: baseUrl });
    clinic = await setUpClinic(testApp.db);
    server = serve({ fetch: testApp.app.fetch, port, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await testApp?.close();
  });

  it('signs in with password and TOTP by keyboard alone, at 320 px, axe clean, back to the page asked for', async () => {
    const { context, offsite } = await isolatedContext(browser, baseUrl);
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });

    await page.goto(`${baseUrl}/staff/account`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    await expectAccessible(page, 'sign-in');
    await tabTo(page, 'email');
    await page.keyboard.type(clinic.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(clinic.password);
    await Promise.all([page.waitForURL(/\/staff\/sign-in\/code/), page.keyboard.press('Enter')]);

    await expectAccessible(page, 'code');
    await tabTo(page, 'code');
    expect(await page.getAttribute('#code', 'autocomplete')).toBe('one-time-code');
    await page.keyboard.type(await totpAt(clinic.totpSecret, new Date()));
    await Promise.all([page.waitForURL(/\/staff\/account$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe('Your account');
    await expectAccessible(page, 'account');

    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'clinic_session', httpOnly: true, sameSite: 'Strict', path: '/' });

    // The admin's other pages, and a new member's invite page, pass too.
    await page.goto(`${baseUrl}/staff/staff`);
    await expectAccessible(page, 'staff');
    await page.fill('#email', 'new.coordinator@clinic.test');
    await page.check('#role-coordinator');
    await page.click('button:has-text("Create the invite link")');
    const link = (await page.textContent('#invite-link'))?.trim() ?? '';
    expect(link).toContain('/staff/invite?token=');
    await expectAccessible(page, 'invite link');
    const invitee = await (await browser.newContext()).newPage();
    await invitee.setViewportSize({ width: 320, height: 640 });
    await invitee.goto(link);
    await expectAccessible(invitee, 'invite');
    await invitee.context().close();

    // Signing out by keyboard ends the session.
    await page.goto(`${baseUrl}/staff/account`);
    await page.focus('button:has-text("Sign out")');
    await Promise.all([page.waitForURL(/notice=signed-out/), page.keyboard.press('Enter')]);
    await page.goto(`${baseUrl}/staff/account`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    expect(offsite).toEqual([]);
    await context.close();
  });
});
