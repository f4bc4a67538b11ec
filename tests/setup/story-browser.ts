import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCliSetup } from './cli-setup.ts';
import { totpAt } from './staff.ts';
import type { StoryClock, StoryStore } from './story-server.ts';

export type StaffLogin = { email: string; password: string };

/**
 * The first admin, set up by the command line as a clinic's web developer does: the password,
 * then the code their app shows for the printed URI. Returns their TOTP secret.
 */
export async function setUpAdminByCli(store: StoryStore, admin: StaffLogin): Promise<string> {
  const setup = await runCliSetup(admin.email, admin.password, store.env);
  expect(setup.code, setup.stderr).toBe(0);
  return setup.totpSecret;
}

/**
 * A fresh browser profile that may talk only to our server: any other address is refused and
 * recorded in `offsite`, so a test can assert the staff area calls nobody else.
 */
export async function pageOnlyFor(
  browser: Browser,
  baseUrl: string,
  offsite: string[],
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(baseUrl)) return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  return context.newPage();
}

/** Both sign-in steps; the clock moves one 30-second step so each code is new, as an app shows them. */
export async function signInWithCode(page: Page, clock: StoryClock, login: StaffLogin, totpSecret: string) {
  await page.fill('#email', login.email);
  await page.fill('#password', login.password);
  await page.click('form[action="/staff/sign-in"] button[type="submit"]');
  clock.advance(30_000);
  await page.fill('#code', await totpAt(totpSecret, clock.now()));
  await page.click('form[action="/staff/sign-in/code"] button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
}
