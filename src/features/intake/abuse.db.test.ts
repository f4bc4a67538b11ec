import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { openForm, sendForm, validAnswers, type Fetcher } from '../../../tests/setup/request-form.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { DEFAULT_INTAKE_POLICY } from './abuse.ts';
import { powFieldValue, solvePow, type PowChallenge } from './browser/pow-solver.ts';

let t: TestApp;
let clock = new Date('2026-11-24T18:00:00Z');
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
// Each test moves to a fresh hour, so counters of one test do not leak into the next.
const nextHour = () => (clock = new Date(Math.ceil((clock.getTime() + 1) / 3_600_000) * 3_600_000));
let address = 0;
let fetcher: Fetcher;
/** Requests come from the address in this header, as a socket address would. */
const from =
  (ip: string): Fetcher =>
  async (path, init) =>
    t.app.request(path, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-test-address': ip },
    });

beforeAll(async () => {
  t = await createTestApp({
    now: () => clock,
    clientAddress: (c) => c.req.header('x-test-address') ?? '198.51.100.1',
    intakePolicy: {
      postsPerAddress: 5,
      attackFailures: 6,
      attackPosts: 1000,
      pow: { ...DEFAULT_INTAKE_POLICY.pow, cost: 10, minCounter: 10, maxCounter: 50 },
    },
  });
  await setUpClinic(t.db);
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
const notice = async (res: Response) => parse(await res.text()).querySelector('#form-notice');
const keptName = (html: string) =>
  parse(html).querySelector('input[name="given-name"]')?.getAttribute('value');

describe('abuse rules', () => {
  it('answers a filled honeypot like a success but stores nothing', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    const form = await openForm(fetcher, '/en/request');
    later(10_000);
    const res = await sendForm(fetcher, '/en/request', form, validAnswers(), {
      website: 'https://spam.example',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/request/sent');
    expect(await count('requests')).toBe(0);
    const thanks = await t.app.request('/en/request/sent');
    expect(parse(await thanks.text()).querySelector('main')?.text).toContain('within one business day');
  });

  it('sends a forged or altered token back with a fresh one, answers kept', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    const form = await openForm(fetcher, '/en/request');
    later(10_000);
    for (const token of ['', 'nonsense', form.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const res = await sendForm(fetcher, '/en/request', { ...form, token }, validAnswers());
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(parse(html).querySelector('#form-notice')?.text).toContain('please send it again');
      expect(keptName(html)).toBe('Ana María');
    }
    // Another form's token does not fit this form's idempotency key either.
    const other = await openForm(fetcher, '/en/request');
    later(10_000);
    const swapped = await sendForm(
      fetcher,
      '/en/request',
      { token: other.token, key: form.key },
      validAnswers(),
    );
    expect(swapped.status).toBe(422);
    const fresh = parse(await swapped.text());
    const token = fresh.querySelector('input[name="form-token"]')?.getAttribute('value') ?? '';
    const key = fresh.querySelector('input[name="idempotency-key"]')?.getAttribute('value') ?? '';
    later(10_000);
    expect((await sendForm(fetcher, '/en/request', { token, key }, validAnswers())).status).toBe(303);
  });

  it('sends a form older than a day back to be checked, then takes it', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    const form = await openForm(fetcher, '/es/solicitud');
    later(25 * 3_600_000);
    const res = await sendForm(fetcher, '/es/solicitud', form, validAnswers());
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(parse(html).querySelector('#form-notice')?.text).toContain(
      'Esta página estuvo abierta mucho tiempo',
    );
    expect(parse(html).querySelector('#form-notice')?.getAttribute('role')).toBe('alert');
    expect(keptName(html)).toBe('Ana María');
    const token = parse(html).querySelector('input[name="form-token"]')?.getAttribute('value') ?? '';
    expect(token).not.toBe(form.token);
    later(5_000);
    expect((await sendForm(fetcher, '/es/solicitud', { token, key: form.key }, validAnswers())).status).toBe(
      303,
    );
  });

  it('sends a post made within 2 seconds of the page back, answers kept', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    const form = await openForm(fetcher, '/en/request');
    later(1_500);
    const res = await sendForm(fetcher, '/en/request', form, validAnswers());
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(parse(html).querySelector('#form-notice')?.text).toContain('That was very quick');
    expect(keptName(html)).toBe('Ana María');
    later(1_000);
    expect((await sendForm(fetcher, '/en/request', form, validAnswers())).status).toBe(303);
  });

  it('limits posts per address, in the database, without storing the address', async () => {
    nextHour();
    const ip = '203.0.113.77';
    fetcher = from(ip);
    const forms = [await openForm(fetcher, '/en/request'), await openForm(fetcher, '/en/request')];
    later(10_000);
    const first = forms[0] ?? { token: '', key: '' };
    expect((await sendForm(fetcher, '/en/request', first, validAnswers({ 'given-name': '' }))).status).toBe(
      422,
    );
    for (let i = 0; i < 4; i++)
      expect((await sendForm(fetcher, '/en/request', first, validAnswers())).status).toBe(303);
    const limited = await sendForm(fetcher, '/en/request', forms[1] ?? first, validAnswers());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('600');
    const html = await limited.text();
    expect(parse(html).querySelector('#form-notice')?.text).toContain(
      'Please wait 10 minutes and send again',
    );
    expect(parse(html).querySelector('#form-notice a[href^="tel:"]')).not.toBeNull();
    expect(keptName(html)).toBe('Ana María');
    // Another address is not affected; the same one is welcome again in the next window.
    const elsewhere = from('203.0.113.78');
    const form = await openForm(elsewhere, '/en/request');
    later(10_000);
    expect((await sendForm(elsewhere, '/en/request', form, validAnswers())).status).toBe(303);
    later(10 * 60_000);
    expect((await sendForm(fetcher, '/en/request', forms[1] ?? first, validAnswers())).status).toBe(303);
    const buckets = await t.db.query<{ bucket: string }>('SELECT bucket FROM rate_limits');
    expect(buckets.some((b) => b.bucket.startsWith('intake:addr:'))).toBe(true);
    expect(JSON.stringify(buckets)).not.toMatch(/203\.0\.113|198\.51/);
  });

  it('switches the proof of work on when refusals pile up, and off again when they stop', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    expect((await openForm(fetcher, '/en/request')).challenge).toBeNull();
    // Six bots in a row trip the (test) threshold of six refusals.
    for (let i = 0; i < 6; i++) {
      const bot = from(`198.18.0.${i}`);
      const form = await openForm(bot, '/en/request');
      await sendForm(bot, '/en/request', form, validAnswers(), { website: 'x' });
    }
    const form = await openForm(fetcher, '/en/request');
    expect(form.challenge).not.toBeNull();
    later(10_000);
    // Without a solution (a browser without JavaScript, or a bot): refused, answers kept.
    const refused = await sendForm(fetcher, '/en/request', form, validAnswers());
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(parse(html).querySelector('#form-notice')?.text).toContain('short automatic check');
    expect(keptName(html)).toBe('Ana María');
    const challenge = JSON.parse(
      parse(html).querySelector('form')?.getAttribute('data-challenge') ?? '',
    ) as PowChallenge;
    // A solution of another form's challenge does not count for this one.
    const otherForm = await openForm(fetcher, '/en/request');
    const otherChallenge = JSON.parse(otherForm.challenge ?? '') as PowChallenge;
    const otherSolution = await solvePow(otherChallenge);
    const wrong = await sendForm(fetcher, '/en/request', form, validAnswers(), {
      altcha: powFieldValue(otherChallenge, otherSolution ?? { counter: 0, derivedKey: '' }),
    });
    expect(wrong.status).toBe(429);
    const solution = await solvePow(challenge);
    expect(solution).not.toBeNull();
    const before = await count('requests');
    const solved = await sendForm(fetcher, '/en/request', form, validAnswers(), {
      altcha: powFieldValue(challenge, solution ?? { counter: 0, derivedKey: '' }),
    });
    expect(solved.status).toBe(303);
    expect(await count('requests')).toBe(before + 1);
    // Two quiet windows later the challenge is gone.
    later(20 * 60_000);
    expect((await openForm(fetcher, '/en/request')).challenge).toBeNull();
  });

  it('answers a body over 32 KB with the friendly 413 page', async () => {
    const form = await openForm(fetcher, '/en/request');
    const res = await sendForm(fetcher, '/en/request', form, validAnswers({ message: 'x'.repeat(40_000) }));
    expect(res.status).toBe(413);
    const page = parse(await res.text());
    expect(page.querySelector('h1')?.text).toBe('Too much text');
    expect(page.querySelector('main a[href^="tel:"]')).not.toBeNull();
  });

  it('accepts a long message up to the limit, and explains one over it', async () => {
    nextHour();
    fetcher = from(`192.0.2.${++address}`);
    const form = await openForm(fetcher, '/en/request');
    later(10_000);
    const tooLong = await sendForm(fetcher, '/en/request', form, validAnswers({ message: 'ñ'.repeat(2001) }));
    expect(tooLong.status).toBe(422);
    expect((await notice(tooLong)) ?? null).toBeNull();
    const again = await sendForm(fetcher, '/en/request', form, validAnswers({ message: 'ñ'.repeat(2000) }));
    expect(again.status).toBe(303);
  });
});
