import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app.ts';
import { axeViolations, hasChromium, launchBrowser } from '../setup/browser.ts';
import { setUpClinic } from '../setup/keys.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';

type Server = TestApp & { baseUrl: string; stop(): Promise<void> };

/** The real app on a loopback port, set up so requests can be sealed. */
async function startServer(intakePolicy: AppDeps['intakePolicy']): Promise<Server> {
  const testApp = await createTestApp({ intakePolicy });
  await setUpClinic(testApp.db);
  const server = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...testApp,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}

/** A context that blocks and records requests to other hosts, and records analytics events. */
async function newContext(browser: Browser, server: Server, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  if (!javaScriptEnabled) scriptless.add(context);
  const offsite: string[] = [];
  const posts: string[] = [];
  await context.route('**/*', (route) => {
    const request = route.request();
    if (!request.url().startsWith(server.baseUrl)) {
      offsite.push(request.url());
      return route.abort();
    }
    // Form posts only; the analytics tracker posts its beacons too.
    if (request.method() === 'POST' && /\/(request|solicitud)$/.test(new URL(request.url()).pathname)) {
      posts.push(request.url());
    }
    return route.continue();
  });
  // Injected by the DevTools protocol, so the page's CSP stays strict.
  await context.addInitScript(() => {
    const w = window as unknown as { analytics: unknown[] };
    w.analytics = [];
    document.addEventListener('clinic:analytics', (e) => w.analytics.push((e as CustomEvent).detail));
  });
  return { context, offsite, posts };
}

async function expectNothingKept(context: BrowserContext, page: Page, offsite: string[]) {
  expect(offsite).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
}

/** Contexts made with JavaScript off. */
const scriptless = new WeakSet<BrowserContext>();

/**
 * axe needs timers, which do not run in a page without JavaScript; so a no-JS page is checked as
 * a copy (its HTML at its URL, with its stylesheet, scripts left out) in a page with JavaScript.
 */
async function expectAxeClean(page: Page, what: string) {
  let target = page;
  const scripting = scriptless.has(page.context()) ? await page.context().browser()?.newContext() : undefined;
  if (scripting) {
    const html = (await page.content()).replace(/<script src="[^"]*" defer(="")?><\/script>/g, '');
    const url = page.url();
    target = await scripting.newPage();
    await target.route(url, (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    await target.goto(url);
  }
  const violations = await axeViolations(target);
  await scripting?.close();
  expect(
    violations.map((v) => `${what}: ${v.id} ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
  ).toEqual([]);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.id || el?.name || el?.tagName || '';
  });

/** Presses Tab, or Shift+Tab for an earlier field, until focus is on `selector`: keyboard only. */
async function tabTo(page: Page, selector: string) {
  const backwards = await page.evaluate((s) => {
    const target = document.querySelector(s);
    const active = document.activeElement;
    return (
      !!target &&
      !!active &&
      active !== document.body &&
      !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING)
    );
  }, selector);
  for (let i = 0; i < 120; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, `#${id}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** Chooses a radio button by arrowing through its group, as a keyboard user does. */
async function chooseRadio(page: Page, name: string, value: string) {
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 12; i++) {
    if (await page.evaluate((n) => (document.activeElement as HTMLInputElement).value === n, value)) {
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no ${name} choice ${value}`);
}

/** Sends the form by keyboard and waits for the page the server answers with. */
async function sendByKeyboard(page: Page) {
  await tabTo(page, 'button[type="submit"]');
  const loaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await loaded;
}

async function check(page: Page, id: string) {
  await tabTo(page, `#${id}`);
  await page.keyboard.press('Space');
}

/** Everything but the name fields and the consent box, by keyboard. */
async function fillTheRest(page: Page) {
  await typeInto(page, 'postal-code', '90017');
  await typeInto(page, 'tel', '213 555 0142');
  await typeInto(page, 'email', 'ana@example.com');
  await chooseRadio(page, 'contact-method', 'text');
  await chooseRadio(page, 'best-time', 'morning');
  await check(page, 'pain-area--low-back');
  await check(page, 'pain-area--legs');
  await chooseRadio(page, 'pain-duration', '1-to-5-years');
  await chooseRadio(page, 'pain-level', '7');
  await check(page, 'treatments--injections');
  await tabTo(page, '#insurance');
  await page.keyboard.type('Medi-Cal');
  await typeInto(page, 'message', 'Me duele la espalda.');
}

let browser: Browser;
let server: Server;

describe.skipIf(!hasChromium)('the request form in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ postsPerAddress: 100 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works by keyboard alone without JavaScript: errors after sending, focus on them, then the thank-you', async () => {
    const { context, offsite } = await newContext(browser, server, false);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/en/request`);
    await expectAxeClean(page, 'empty form');
    const opened = Date.now();

    await typeInto(page, 'given-name', 'Ana2');
    await fillTheRest(page);
    // The server refuses posts sooner than 2 s after the form was made, before it checks fields.
    await page.waitForTimeout(Math.max(0, 2_100 - (Date.now() - opened)));
    await sendByKeyboard(page);
    // autofocus lands with the first rendering after load.
    await expect.poll(() => focused(page)).toBe('error-summary');
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.locator('#error-summary a').allTextContents();
    expect(summary).toEqual([
      'First name can only have letters, spaces, hyphens (-) and apostrophes (’)',
      'Enter your last name',
      'Check the box to let us contact you about your request',
    ]);
    // The answers are all still there.
    expect(await page.inputValue('#tel')).toBe('213 555 0142');
    expect(await page.isChecked('#pain-level--7')).toBe(true);
    expect(await page.inputValue('#insurance')).toBe('medi-cal');
    expect(await page.inputValue('#message')).toBe('Me duele la espalda.');
    await expectAxeClean(page, 'form with errors');

    // The first summary link takes focus to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('given-name');
    await typeInto(page, 'given-name', 'Ana María');
    await typeInto(page, 'family-name', 'Núñez');
    await check(page, 'consent');
    await page.waitForTimeout(Math.max(0, 2_100 - (Date.now() - opened)));
    await sendByKeyboard(page);
    expect(page.url()).toMatch(/\/en\/request\/sent\?ref=/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you. We received your request.');
    expect(await page.locator('main').textContent()).toMatch(
      /Your reference number is [0-9A-Z]{4}-[0-9A-Z]{4}\./,
    );
    await expectAxeClean(page, 'thank-you page');
    await expectNothingKept(context, page, offsite);
    await context.close();
  });

  it('with JavaScript shows the same messages inline, blocks a bad send, and reports moments without values', async () => {
    const { context, offsite, posts } = await newContext(browser, server, true);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/es/solicitud`);
    await expectAxeClean(page, 'empty form (JS)');
    const opened = Date.now();

    // A format error shows on leaving the field; a missing answer waits for "Send".
    await typeInto(page, 'given-name', 'Ana');
    await typeInto(page, 'tel', '555 0142');
    await page.keyboard.press('Tab');
    expect(await page.locator('#tel-error').textContent()).toBe(
      'Error: Escriba un número de teléfono de 10 dígitos, como 213 555 0142',
    );
    expect(await page.getAttribute('#tel', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#tel', 'aria-describedby')).toBe('tel-hint tel-error');
    expect(await page.locator('#family-name-error').count()).toBe(0);

    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('error-summary');
    expect(posts).toEqual([]);
    expect(await page.locator('#error-summary a').first().textContent()).toBe('Escriba su apellido');
    expect(await page.locator('#family-name-error').textContent()).toBe('Error: Escriba su apellido');
    expect(await page.getAttribute('fieldset[data-field="pain-area"]', 'aria-invalid')).toBe('true');
    await expectAxeClean(page, 'form with errors (JS)');

    // Fixing a field clears its message as soon as it is right.
    await typeInto(page, 'tel', '213 555 0142');
    expect(await page.locator('#tel-error').count()).toBe(0);
    expect(await page.getAttribute('#tel', 'aria-invalid')).toBeNull();
    await typeInto(page, 'family-name', 'Núñez');
    await fillTheRest(page);
    await check(page, 'consent');
    await page.waitForTimeout(Math.max(0, 2_100 - (Date.now() - opened)));
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/es\/solicitud\/enviada\?ref=/);
    expect(posts).toHaveLength(1);
    expect(await page.locator('h1').textContent()).toBe('Gracias. Recibimos su solicitud.');
    await expectAxeClean(page, 'thank-you page (JS)');
    expect(await page.evaluate(() => (window as unknown as { analytics: unknown[] }).analytics)).toEqual([
      { name: 'form_submitted' },
    ]);
    await expectNothingKept(context, page, offsite);
    await context.close();
  });

  it('a message shown on leaving a field does not move the option the patient is pressing: the click lands', async () => {
    const { context } = await newContext(browser, server, true);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/en/request`);
    const option = page.locator('input[name="contact-method"][value="text"]');
    const optionLabel = page.locator('label[for="contact-method--text"]');
    await page.locator('#email').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy({ top: 120, behavior: 'instant' }));
    await page.locator('#email').click();
    await page.keyboard.type('lupe@gmial');
    const top = () => optionLabel.evaluate((el) => el.getBoundingClientRect().top);
    const before = await top();
    const box = await optionLabel.boundingBox();
    expect(box, 'the option is on the screen').not.toBeNull();
    expect(before).toBeGreaterThan(0);
    expect(before + (box?.height ?? 0)).toBeLessThan(844);
    // A real press where the option is: mouse down (the e-mail field loses focus, its message
    // appears above), then mouse up.
    await page.mouse.click((box?.x ?? 0) + 20, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    expect(await page.locator('#email-error').textContent()).toMatch(/^Error: /);
    expect(await option.isChecked(), 'the click landed on "Text message"').toBe(true);
    expect(Math.abs((await top()) - before), 'the option did not move on the screen').toBeLessThan(1);
    await context.close();
  });

  it('emits form_start once, then form_error with field names only', async () => {
    const { context } = await newContext(browser, server, true);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/en/request`);
    await typeInto(page, 'given-name', 'Secret Name');
    await typeInto(page, 'email', 'secret@example.com');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    const events = await page.evaluate(() => (window as unknown as { analytics: unknown[] }).analytics);
    expect(events).toEqual([
      { name: 'form_start' },
      {
        name: 'form_error',
        fields: [
          'family-name',
          'postal-code',
          'contact-method',
          'pain-area',
          'pain-duration',
          'pain-level',
          'consent',
        ],
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Secret|secret@/);
    await context.close();
  });
});

describe.skipIf(!hasChromium)('the request form under attack, in Chromium', () => {
  let attacked: Server;
  beforeAll(async () => {
    browser = await launchBrowser();
    attacked = await startServer({ attackFailures: 1, postsPerAddress: 100 });
    // One bot post (a filled honeypot) is enough to switch the proof of work on here.
    await fetch(`${attacked.baseUrl}/en/request`, {
      method: 'POST',
      body: new URLSearchParams({ website: 'spam' }),
      redirect: 'manual',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await attacked?.stop();
  });

  it('solves the proof of work in the page and sends; without JavaScript it explains and keeps the answers', async () => {
    const { context, offsite } = await newContext(browser, attacked, true);
    const page = await context.newPage();
    await page.goto(`${attacked.baseUrl}/en/request`);
    const opened = Date.now();
    expect(await page.getAttribute('form', 'data-challenge')).toBeTruthy();
    await typeInto(page, 'given-name', 'A');
    // The check starts with the first keystroke; at the default cost it takes a browser a second or two.
    const started = Date.now();
    await page.waitForFunction(
      () => (document.querySelector('input[name="altcha"]') as HTMLInputElement).value !== '',
      null,
      {
        timeout: 15_000,
      },
    );
    const solvedIn = Date.now() - started;
    expect(solvedIn).toBeLessThan(10_000);
    await typeInto(page, 'given-name', 'Ana');
    await typeInto(page, 'family-name', 'Núñez');
    await fillTheRest(page);
    await check(page, 'consent');
    await page.waitForTimeout(Math.max(0, 2_100 - (Date.now() - opened)));
    await sendByKeyboard(page);
    expect(page.url()).toMatch(/\/en\/request\/sent\?ref=/);
    await expectNothingKept(context, page, offsite);
    await context.close();

    const noJs = await newContext(browser, attacked, false);
    const plain = await noJs.context.newPage();
    await plain.goto(`${attacked.baseUrl}/en/request`);
    await typeInto(plain, 'given-name', 'Ana');
    await typeInto(plain, 'family-name', 'Núñez');
    await fillTheRest(plain);
    await check(plain, 'consent');
    await plain.waitForTimeout(2_100);
    await sendByKeyboard(plain);
    await expect.poll(() => focused(plain)).toBe('form-notice');
    expect(await plain.locator('#form-notice').textContent()).toContain('turn on JavaScript or call us');
    expect(await plain.inputValue('#family-name')).toBe('Núñez');
    await expectAxeClean(plain, 'proof-of-work notice');
    await noJs.context.close();
  });
});
