import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './test-app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Under CI a missing Chromium fails the run; on a developer machine the browser tests are skipped. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true')
  throw new Error(`Chromium not found at ${CHROMIUM}; CI requires it.`);

/** Debian's Chromium, headless, with the flags this closed network needs; Playwright gives it a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type TestServer = TestApp & { baseUrl: string; stop(): Promise<void> };

/** The real app on a random loopback port, over a fresh embedded database. */
export async function startTestServer(): Promise<TestServer> {
  const testApp = await createTestApp();
  const server = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...testApp,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}

/**
 * A browser context that records every request leaving for another host (and blocks it),
 * so a test can assert that pages talk to nobody but us.
 */
export async function isolatedContext(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; offsite: string[] }> {
  const context = await browser.newContext();
  const offsite: string[] = [];
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  return { context, offsite };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
};

/**
 * Runs axe-core in the page against WCAG 2.0-2.2 A and AA. Injected through the DevTools
 * protocol, so the page's strict CSP stays on while it runs.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** Every page listed in the sitemap, as paths. */
export async function sitemapPaths(baseUrl: string, siteUrl: string): Promise<string[]> {
  const xml = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(siteUrl, ''));
}

/**
 * A desktop Chrome's user agent for pages whose analytics a test reads: headless Chromium
 * announces itself as "HeadlessChrome", which the collector rightly drops as a robot.
 */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
