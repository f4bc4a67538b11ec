import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { sendForm, validAnswers } from '../../../tests/setup/request-form.ts';
import { openSealed } from '../keys/index.ts';
import { parseSealedRequest } from '../requests/index.ts';

let t: TestApp;
let clinic: TestClinic;
let clock = new Date('2026-11-24T23:12:00Z');
let address = '203.0.113.7';

beforeAll(async () => {
  t = await createTestApp({ now: () => clock, clientAddress: () => address });
  clinic = await setUpClinic(t.db);
});
afterAll(() => t.close());

type Answers = Record<string, string | string[]>;
const PATHS = { en: '/en/self-check', es: '/es/autoevaluacion' } as const;

/** Answers that lead to "may be worth asking about". */
const worth = (o: Answers = {}): Answers => ({
  'warning-signs': ['none'],
  'pain-place': 'low-back',
  'pain-duration': '1-to-5-years',
  'pain-spreads': 'yes',
  'past-surgery': 'yes',
  tried: ['medication', 'physical-therapy'],
  safety: ['none'],
  ...o,
});

async function open(path: string) {
  const res = await t.app.request(path);
  const page = parse(await res.text());
  return { res, page, token: page.querySelector('input[name="form-token"]')?.getAttribute('value') ?? '' };
}

async function post(path: string, answers: Answers, token?: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) for (const v of [value].flat()) body.append(name, v);
  body.append('form-token', token ?? (await open(path)).token);
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  return { res, html: await res.text() };
}

const resultOf = (html: string) => parse(html).querySelector('[data-result]')?.getAttribute('data-result');
const heading = (html: string) => parse(html).querySelector('h1')?.text;

describe('GET the self-check', () => {
  it.each(Object.entries(PATHS))(
    '%s: the questions as one plain form posted to the page itself, never cached',
    async (locale, path) => {
      const { res, page, token } = await open(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const form = page.querySelector('form[data-self-check]');
      expect(form?.getAttribute('method')).toBe('post');
      expect(form?.getAttribute('action')).toBe(path);
      expect(page.querySelectorAll('fieldset[data-field]')).toHaveLength(7);
      expect(token).not.toBe('');
      expect(page.querySelector('html')?.getAttribute('lang')).toBe(locale);
      expect(page.querySelector('link[rel="alternate"][hreflang="es"]')?.getAttribute('href')).toMatch(
        /\/es\/autoevaluacion$/,
      );
      // No inline script: the step-by-step script is a first-party deferred file.
      for (const s of page.querySelectorAll('script:not([type="application/ld+json"])')) {
        expect(s.getAttribute('src')).toMatch(/^\/assets\//);
        expect(s.hasAttribute('defer')).toBe(true);
      }
    },
  );

  it('is listed in the sitemap, in both languages', async () => {
    const xml = await (await t.app.request('/sitemap.xml')).text();
    expect(xml).toContain('<loc>https://clinic.test/en/self-check</loc>');
    expect(xml).toContain('<loc>https://clinic.test/es/autoevaluacion</loc>');
  });
});

describe('POST the answers: each result, in both languages', () => {
  it('a warning sign: get urgent care now, with 911 and the nearest emergency room, and nothing else', async () => {
    for (const [locale, path] of Object.entries(PATHS)) {
      const { res, html } = await post(path, { 'warning-signs': ['groin-numbness'] });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(resultOf(html)).toBe('self_check_urgent');
      expect(heading(html)).toBe(locale === 'en' ? 'Get urgent care now' : 'Busque atención urgente ahora');
      const main = parse(html).querySelector('main');
      expect(main?.querySelector('a[href="tel:911"]')).not.toBeNull();
      expect(main?.text).toMatch(
        locale === 'en' ? /nearest emergency room/ : /sala de emergencias más cercana/,
      );
      // Nothing competes: no form, no call-back button, no other link in the answer.
      expect(main?.querySelectorAll('form')).toHaveLength(0);
      expect(main?.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['tel:911']);
    }
  });

  it('may be worth asking about: the reasons, what the doctor will want to know, a call-back form', async () => {
    for (const [locale, path] of Object.entries(PATHS)) {
      const { html } = await post(path, worth());
      expect(resultOf(html)).toBe('self_check_worth_asking');
      const page = parse(html);
      expect(page.querySelectorAll('[data-reason]').map((li) => li.getAttribute('data-reason'))).toEqual([
        'after-surgery',
        'into-limb',
        'care-tried',
      ]);
      expect(page.querySelector('.doctor-decides')?.text).toMatch(
        locale === 'en' ? /Only a doctor/ : /Solo un médico/,
      );
      const form = page.querySelector('form.call-back');
      expect(form?.getAttribute('action')).toBe(locale === 'en' ? '/en/request' : '/es/solicitud');
      expect(form?.getAttribute('method')).toBe('post');
      const box = form?.querySelector('input[type="checkbox"]');
      expect(box?.hasAttribute('checked')).toBe(false);
      // The answers ride in the checkbox's value: the browser sends them only when it is ticked.
      expect(box?.getAttribute('value')).toContain('pain-area=low-back');
      expect(form?.querySelectorAll('input[type="hidden"]').map((i) => i.getAttribute('value'))).toEqual([
        '1',
      ]);
    }
  });

  it('talk to your doctor first, naming the safety answer and why', async () => {
    for (const [locale, path] of Object.entries(PATHS)) {
      const { html } = await post(path, worth({ safety: ['bleeding', 'pregnancy'] }));
      expect(resultOf(html)).toBe('self_check_doctor_first');
      expect(heading(html)).toBe(
        locale === 'en'
          ? 'Talk to your doctor first about bleeding or blood thinners and a possible pregnancy'
          : 'Hable primero con su médico sobre el sangrado o las medicinas para la sangre y un posible embarazo',
      );
      expect(
        parse(html)
          .querySelectorAll('[data-reason]')
          .map((li) => li.getAttribute('data-reason')),
      ).toEqual(['bleeding', 'pregnancy']);
      expect(parse(html).querySelector('form.call-back')).toBeNull();
    }
  });

  it('other treatments usually come first: what they are and when to come back', async () => {
    for (const [locale, path] of Object.entries(PATHS)) {
      const { html } = await post(path, worth({ tried: ['none'] }));
      expect(resultOf(html)).toBe('self_check_other_first');
      const text = parse(html).querySelector('main')?.text ?? '';
      expect(text).toMatch(locale === 'en' ? /Physical therapy/ : /Terapia física/);
      expect(text).toMatch(locale === 'en' ? /come back/ : /vuelva/);
      const { html: elsewhere } = await post(path, worth({ 'pain-place': 'elsewhere' }));
      expect(parse(elsewhere).querySelector('[data-reason]')?.getAttribute('data-reason')).toBe('not-spine');
    }
  });
});

describe('POST refusals keep the answers', () => {
  it('an unanswered question: 422, the questions again with a summary and every answer kept', async () => {
    const { res, html } = await post(PATHS.en, worth({ 'pain-place': '', safety: [] }));
    expect(res.status).toBe(422);
    const page = parse(html);
    expect(page.querySelectorAll('#error-summary li').map((li) => li.text)).toEqual([
      'Where is your pain mainly?',
      'Do any of these apply to you now?',
    ]);
    expect(page.querySelector('input[name="past-surgery"][value="yes"]')?.hasAttribute('checked')).toBe(true);
    expect(page.querySelector('fieldset[data-field="pain-place"]')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('a forged or day-old token: 422, answers kept, no result', async () => {
    const forged = await post(PATHS.es, worth(), 'forged.token');
    expect(forged.res.status).toBe(422);
    expect(resultOf(forged.html)).toBeUndefined();
    expect(parse(forged.html).querySelector('#form-notice')?.text).toMatch(/mucho tiempo/);
    const { token } = await open(PATHS.en);
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const stale = await post(PATHS.en, worth(), token);
    expect(stale.res.status).toBe(422);
    expect(
      parse(stale.html).querySelector('input[name="pain-spreads"][value="yes"]')?.hasAttribute('checked'),
    ).toBe(true);
  });

  it('more than 30 posts from one address in 10 minutes: 429', async () => {
    address = '198.51.100.30';
    const { token } = await open(PATHS.en);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post(PATHS.en, worth(), token)).res.status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    address = '203.0.113.7';
  });
});

describe('nothing is stored, logged or counted from the answers', () => {
  it('leaves no answer in any table or log line; the only row is a hashed rate-limit counter', async () => {
    const before = t.logs.length;
    await post(PATHS.en, worth({ safety: ['face-down'], 'warning-signs': ['none'] }));
    await post(PATHS.es, { 'warning-signs': ['bladder-bowel'] });
    const tables = await t.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    for (const { table_name } of tables) {
      const rows = await t.db.query(`SELECT * FROM ${table_name}`);
      const dump = JSON.stringify(rows);
      for (const marker of ['face-down', 'bladder-bowel', 'warning-signs', 'pain-spreads'])
        expect(dump, `${table_name} holds ${marker}`).not.toContain(marker);
    }
    const logged = t.logs.slice(before).join('');
    expect(logged).toContain('/en/self-check');
    for (const marker of ['face-down', 'bladder-bowel', 'low-back']) expect(logged).not.toContain(marker);
    const buckets = await t.db.query<{ bucket: string }>(
      "SELECT bucket FROM rate_limits WHERE bucket LIKE 'intake:self-check:%'",
    );
    for (const { bucket } of buckets) expect(bucket).toMatch(/^intake:self-check:addr:[0-9a-f]{32}$/);
  });
});

describe('"Request a call back" with the answers', () => {
  it('opens the request form with them only when the box was ticked; sent, they are sealed and shown to staff', async () => {
    const { html } = await post(PATHS.en, worth());
    const value =
      parse(html).querySelector('form.call-back input[type="checkbox"]')?.getAttribute('value') ?? '';
    const openRequest = async (fields: Record<string, string>) => {
      const res = await t.app.request('/en/request', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      return { res, page: parse(await res.text()) };
    };
    // Not ticked: the browser sends only the mark, and the form opens empty.
    const plain = await openRequest({ 'open-request-form': '1' });
    expect(plain.res.status).toBe(200);
    expect(plain.page.querySelector('fieldset[data-field="self-check"]')).toBeNull();
    expect(
      plain.page.querySelector('input[name="pain-area"][value="low-back"]')?.hasAttribute('checked'),
    ).toBe(false);

    const ticked = await openRequest({ 'open-request-form': '1', 'carried-answers': value });
    expect(ticked.res.status).toBe(200);
    expect(ticked.res.headers.get('cache-control')).toBe('no-store');
    const checked = (name: string) =>
      ticked.page
        .querySelectorAll(`input[name="${name}"]`)
        .filter((i) => i.hasAttribute('checked'))
        .map((i) => i.getAttribute('value'));
    expect(checked('pain-area')).toEqual(['low-back']);
    expect(checked('pain-duration')).toEqual(['1-to-5-years']);
    expect(checked('treatments')).toEqual(['medication', 'physical-therapy', 'surgery']);
    expect(checked('self-check')).toEqual([
      'result-worth-asking',
      'no-warning-signs',
      'no-safety-answers',
      'back-or-neck-surgery',
      'pain-into-limb',
    ]);
    expect(await t.db.query('SELECT id FROM requests')).toHaveLength(0);

    // The patient sends the request: the self-check answers are in the sealed document.
    const token = ticked.page.querySelector('input[name="form-token"]')?.getAttribute('value') ?? '';
    const key = ticked.page.querySelector('input[name="idempotency-key"]')?.getAttribute('value') ?? '';
    clock = new Date(clock.getTime() + 60_000);
    const sent = await sendForm(
      (p, i) => Promise.resolve(t.app.request(p, i)),
      '/en/request',
      { token, key },
      validAnswers({
        'self-check': checked('self-check') as string[],
      }),
    );
    expect(sent.status).toBe(303);
    const [row] = await t.db.query<{ id: string; sealed: Uint8Array; source_page: string | null }>(
      'SELECT id, sealed, source_page FROM requests',
    );
    // The request was sent from the self-check, and says so (a page, not an answer).
    expect(row?.source_page).toBe('/en/self-check');
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
  });

  it('refuses a self-check answer that is not on the list', async () => {
    const opened = await t.app.request('/en/request');
    const page = parse(await opened.text());
    const token = page.querySelector('input[name="form-token"]')?.getAttribute('value') ?? '';
    const key = page.querySelector('input[name="idempotency-key"]')?.getAttribute('value') ?? '';
    clock = new Date(clock.getTime() + 60_000);
    const res = await sendForm(
      (p, i) => Promise.resolve(t.app.request(p, i)),
      '/en/request',
      { token, key },
      validAnswers({ 'self-check': ['you-are-a-candidate'] }),
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Uncheck any answer that is not from the list');
  });
});
