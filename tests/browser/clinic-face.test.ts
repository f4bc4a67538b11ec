import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, startTestServer, type TestServer } from '../setup/browser.ts';

let server: TestServer;
let browser: Browser;

const PHONE = { width: 390, height: 844 };
/** Home, a procedure page and the request form, in each language. */
const KEY_PAGES = [
  '/en/',
  '/es/',
  '/en/procedure-day',
  '/es/dia-del-procedimiento',
  '/en/request',
  '/es/solicitud',
];

/** Where an element sits, and whether all of it is on the first screen. */
async function firstScreen(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el, height) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        text: (el.textContent ?? '').trim().replace(/\s+/g, ' '),
        shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        onFirstScreen: box.top >= 0 && box.bottom <= height,
      };
    }, PHONE.height);
}

describe.skipIf(!hasChromium)('the clinic’s face in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the clinic, the h1, a Call button and a Request a call back button on the first phone screen, without JavaScript', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await noScript.newPage();
    for (const path of KEY_PAGES) {
      await page.goto(server.baseUrl + path);
      const es = path.startsWith('/es/');
      const brand = await firstScreen(page, 'header .brand');
      expect(brand, `${path}: clinic name`).toMatchObject({
        text: 'Los Angeles Neuroplasty Center',
        onFirstScreen: true,
      });
      expect(await page.locator('header .brand img').getAttribute('src'), path).toMatch(
        /^\/assets\/example-logo\.[0-9a-f]{12}\.svg$/,
      );
      const h1 = await firstScreen(page, 'main h1');
      expect(h1.onFirstScreen, `${path}: h1 "${h1.text}"`).toBe(true);
      const call = await firstScreen(page, 'header a.button[href^="tel:"]');
      expect(call, `${path}: call button`).toMatchObject({
        text: es ? 'Llame al (213) 555-0142' : 'Call (213) 555-0142',
        onFirstScreen: true,
      });
      const callBack = await firstScreen(
        page,
        `header a.button[href="${es ? '/es/solicitud' : '/en/request'}"]`,
      );
      expect(callBack, `${path}: call-back button`).toMatchObject({
        text: es ? 'Pedir una llamada' : 'Request a call back',
        onFirstScreen: true,
      });
    }
    await noScript.close();
  });

  it('opens and closes the phone menu without JavaScript, and a menu link leads to its page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/en/`);
    const link = page.locator('nav .menu a[href="/en/faq"]');
    expect(await link.isVisible()).toBe(false);
    await page.locator('nav .menu summary').click();
    expect(await link.isVisible()).toBe(true);
    await page.locator('nav .menu summary').click();
    expect(await link.isVisible()).toBe(false);
    await page.locator('nav .menu summary').click();
    await Promise.all([page.waitForURL(`${server.baseUrl}/en/faq`), link.click()]);
    expect(await page.locator('h1').textContent()).toBe('Questions about neuroplasty');
    await context.close();
  });

  it('shows the whole menu as a row on a wide screen, with no Menu button', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/es/`);
    expect(await page.locator('nav .menu summary').isVisible()).toBe(false);
    const links = page.locator('nav .menu a');
    expect(await links.count()).toBeGreaterThanOrEqual(9);
    for (const link of await links.all())
      expect(await link.isVisible(), (await link.textContent()) ?? '').toBe(true);
    // The menu starts where the page's text starts.
    const menuLeft = await page
      .locator('nav .menu li')
      .first()
      .evaluate((el) => el.getBoundingClientRect().left);
    const h1Left = await page.locator('main h1').evaluate((el) => el.getBoundingClientRect().left);
    expect(Math.abs(menuLeft - h1Left)).toBeLessThanOrEqual(1);
    await context.close();
  });

  // Screenshots for people to look at: SHOTS_DIR=/some/dir CI=true npx vitest run tests/browser/clinic-face.test.ts
  it.skipIf(!process.env.SHOTS_DIR)('saves screenshots of the key pages at 390 and 1366 px', async () => {
    const dir = process.env.SHOTS_DIR as string;
    mkdirSync(dir, { recursive: true });
    for (const width of [390, 1366]) {
      const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
      const page = await context.newPage();
      for (const path of [
        ...KEY_PAGES,
        '/en/our-physicians',
        '/es/nuestros-medicos',
        '/en/location-and-hours',
      ]) {
        await page.goto(server.baseUrl + path);
        const name = `${path.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'root'}-${width}`;
        await page.screenshot({ path: join(dir, `${name}.png`) });
        await page.screenshot({ path: join(dir, `${name}-full.png`), fullPage: true });
      }
      await context.close();
    }
  });
});
