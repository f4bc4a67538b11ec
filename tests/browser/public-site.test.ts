import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  hasChromium,
  isolatedContext,
  launchBrowser,
  sitemapPaths,
  startTestServer,
  type TestServer,
} from '../setup/browser.ts';
import { TEST_SITE_URL } from '../setup/test-app.ts';

let server: TestServer;
let browser: Browser;
let paths: string[];

describe.skipIf(!hasChromium)('public pages in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    paths = await sitemapPaths(server.baseUrl, TEST_SITE_URL);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists both languages of every page in the sitemap', () => {
    expect(paths.filter((p) => p.startsWith('/en/')).length).toBe(
      paths.filter((p) => p.startsWith('/es/')).length,
    );
    expect(paths.length).toBeGreaterThanOrEqual(22);
  });

  it('has no axe violations, no request to another host and no cookie on any page', async () => {
    const { context, offsite } = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of paths) {
      const response = await page.goto(server.baseUrl + path);
      expect(response?.status(), path).toBe(200);
      for (const v of await axeViolations(page))
        failures.push(`${path}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    }
    expect(failures).toEqual([]);
    expect(offsite).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('reaches every link and control by keyboard alone, each with a visible focus ring', async () => {
    const { context } = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    for (const path of ['/en/', '/es/preguntas-frecuentes']) {
      await page.goto(server.baseUrl + path);
      // Number every element that should take focus, then Tab through and see which ones did.
      const focusable = await page.evaluate(() => {
        const all = document.querySelectorAll(
          'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
        );
        all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
        return all.length;
      });
      const reached = new Set<string>();
      for (let i = 0; i < focusable + 2; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            index: el.getAttribute('data-kb') ?? 'unnumbered',
            name: `${el.tagName} ${el.getAttribute('href') ?? ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`,
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        });
        if (!focus) continue;
        expect(focus.ring, `${path}: focus ring on ${focus.name}`).toBe(true);
        reached.add(focus.index);
      }
      expect(reached.size, path).toBe(focusable);
      // The first Tab lands on the skip link, and it moves focus into the main content.
      await page.keyboard.press('Tab');
      await page.goto(server.baseUrl + path);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    }
    await context.close();
  });

  it('reflows at 320 px and at 200 % text without sideways scrolling, with targets of at least 24 px', async () => {
    const { context } = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    for (const path of paths) {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(server.baseUrl + path);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${path} at 320 px`,
      ).toBeLessThanOrEqual(320);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('header a, nav a, footer a, .cta a, .next a, button, summary')]
          // Links inside the closed phone menu are not targets until it opens.
          .filter((el) => el.checkVisibility())
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ el }) => el.textContent),
      );
      expect(small, `${path}: targets under 24 px`).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${path} at 200 %`,
      ).toBeLessThanOrEqual(1280);
    }
    await context.close();
  });
});
