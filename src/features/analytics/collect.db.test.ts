import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import {
  analyticsTestApp,
  BROWSER_UA,
  DESKTOP_UA,
  sendEvent,
  testClock,
  type AnalyticsTestApp,
} from './test-fixtures.ts';

let db: TestDatabase;
let t: AnalyticsTestApp;
// Saturday 1 March 2025, 10:00 in Los Angeles (the clinic's time zone).
const clock = testClock('2025-03-01T18:00:00Z');
const responses: Response[] = [];
const send = async (...args: Parameters<typeof sendEvent>) => {
  const res = await sendEvent(...args);
  responses.push(res);
  return res;
};
const events = () => db.query<Record<string, unknown>>('SELECT * FROM analytics_events ORDER BY id');

beforeAll(async () => {
  db = await openTestDatabase();
  t = analyticsTestApp(db, await testPublicSite(), clock, { limit: 5, windowMs: 60_000 });
});
afterAll(() => db.close());

describe('POST /api/event', () => {
  it('stores a valid page view, reduced to what analytics needs, and answers 202 with no body', async () => {
    const res = await send(t.app, {
      n: 'pageview',
      u: '/en/faq?utm_source=Newsletter&utm_campaign=spring&email=maria%40example.com',
      r: 'https://www.google.com',
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-length')).toBe('0');
    await t.settle();
    const [row] = await events();
    expect(row).toMatchObject({
      name: 'pageview',
      path: '/en/faq',
      page_kind: 'education',
      locale: 'en',
      referrer: 'google.com',
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      browser: 'Safari',
      os: 'iOS',
      device: 'phone',
      fields: null,
    });
    expect(String(row?.day)).toContain('2025');
    expect(JSON.stringify(await events())).not.toContain('maria');
  });

  it('accepts JSON too, and an Origin that matches the Host the request came to', async () => {
    const res = await send(t.app, JSON.stringify({ n: 'phone_click', u: '/en/faq' }), {
      address: '203.0.113.20',
      headers: {
        'content-type': 'application/json',
        origin: 'http://preview.clinic.test:8080',
        host: 'preview.clinic.test:8080',
      },
    });
    expect(res.status).toBe(202);
  });

  it('refuses other origins with 403, and a missing Origin too', async () => {
    expect(
      (await send(t.app, { n: 'pageview', u: '/en/' }, { headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(403);
    expect((await send(t.app, { n: 'pageview', u: '/en/' }, { headers: { origin: 'null' } })).status).toBe(
      403,
    );
    const noOrigin = await t.app.request('/api/event', {
      method: 'POST',
      body: '{"n":"pageview","u":"/en/"}',
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
    });
    expect(noOrigin.status).toBe(403);
  });

  it('answers 400 to malformed payloads and 415 to other content types', async () => {
    const malformed = [
      '{"n":"pageview"',
      '{"n":"purchase","u":"/en/"}',
      '{"n":"pageview","u":"//evil.example/"}',
      '[]',
    ];
    for (const [i, body] of malformed.entries())
      expect((await send(t.app, body, { address: `192.0.2.${i}` })).status, body).toBe(400);
    const form = await send(t.app, 'n=pageview', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('answers 413 to a body over 2 KB, and to one over the app-wide 32 KB limit', async () => {
    const big = JSON.stringify({ n: 'pageview', u: '/en/', r: `https://${'a'.repeat(3000)}.example` });
    expect((await send(t.app, big, { address: '192.0.2.50' })).status).toBe(413);
    expect((await send(t.app, 'x'.repeat(40_000), { address: '192.0.2.51' })).status).toBe(413);
    // A body streamed without a Content-Length is counted as it arrives.
    const chunk = new TextEncoder().encode('x'.repeat(1000));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await t.app.request('/api/event', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'text/plain', origin: 'https://clinic.test', 'user-agent': BROWSER_UA },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('limits each address per window with 429, leaves other addresses alone, and resets next window', async () => {
    const hit = (address: string) => send(t.app, { n: 'pageview', u: '/en/' }, { address });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await hit('198.51.100.77')).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect((await hit('198.51.100.78')).status).toBe(202);
    await t.settle();
    const limits = await db.query<{ bucket: string; hits: number }>(
      "SELECT bucket, hits FROM rate_limits WHERE bucket LIKE 'collect:%'",
    );
    expect(limits.map((l) => l.hits)).toContain(7);
    expect(JSON.stringify(limits)).not.toContain('198.51');
    clock.advance(60_000);
    expect((await hit('198.51.100.77')).status).toBe(202);
  });

  it('shares the limit through the database: a second instance sees the first one’s hits', async () => {
    const other = analyticsTestApp(db, await testPublicSite(), clock, { limit: 5, windowMs: 60_000 });
    for (let i = 0; i < 4; i++) await send(t.app, { n: 'pageview', u: '/en/' }, { address: '198.51.100.90' });
    await t.settle();
    await other.ingest.limiter.sync(db, clock.now);
    const first = await send(other.app, { n: 'pageview', u: '/en/' }, { address: '198.51.100.90' });
    await other.settle();
    expect(first.status).toBe(202);
    // The table now holds 5 hits for this address; the first instance learns it at its next sync.
    await t.ingest.limiter.sync(db, clock.now);
    expect((await send(t.app, { n: 'pageview', u: '/en/' }, { address: '198.51.100.90' })).status).toBe(429);
  });

  it('drops robots and opted-out browsers silently: 202, nothing stored', async () => {
    const before = (await events()).length;
    for (const userAgent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'curl/8.5.0',
      '',
    ])
      expect(
        (await send(t.app, { n: 'pageview', u: '/en/' }, { userAgent, address: '192.0.2.80' })).status,
      ).toBe(202);
    expect(
      (
        await send(
          t.app,
          { n: 'pageview', u: '/en/' },
          { address: '192.0.2.81', headers: { 'sec-gpc': '1' } },
        )
      ).status,
    ).toBe(202);
    expect(
      (await send(t.app, { n: 'pageview', u: '/en/' }, { address: '192.0.2.82', headers: { dnt: '1' } }))
        .status,
    ).toBe(202);
    await t.settle();
    expect((await events()).length).toBe(before);
  });

  it('gives one visitor one id per day, never stores the address, and deletes yesterday’s salt', async () => {
    const day1 = [
      await send(t.app, { n: 'pageview', u: '/en/' }, { address: '203.0.113.200', userAgent: DESKTOP_UA }),
      await send(t.app, { n: 'pageview', u: '/en/faq' }, { address: '203.0.113.200', userAgent: DESKTOP_UA }),
    ];
    expect(day1.map((r) => r.status)).toEqual([202, 202]);
    clock.advance(24 * 3_600_000);
    await send(t.app, { n: 'pageview', u: '/en/' }, { address: '203.0.113.200', userAgent: DESKTOP_UA });
    await t.settle();
    const ids = await db.query<{ visitor_id: string; day: string }>(
      "SELECT DISTINCT visitor_id, day::text AS day FROM analytics_events WHERE browser = 'Chrome' ORDER BY day",
    );
    expect(ids.map((r) => r.day)).toEqual(['2025-03-01', '2025-03-02']);
    expect(ids[0]?.visitor_id).not.toBe(ids[1]?.visitor_id);
    const salts = await db.query<{ day: string }>('SELECT day::text AS day FROM analytics_salts');
    expect(salts).toEqual([{ day: '2025-03-02' }]);
    const everything = JSON.stringify([
      await db.query('SELECT * FROM analytics_events'),
      await db.query('SELECT * FROM rate_limits'),
      await db.query('SELECT * FROM analytics_daily_breakdowns'),
    ]);
    expect(everything).not.toContain('203.0.113.200');
    expect(everything).not.toContain('Windows NT');
  });

  it('never sets a cookie and never logs a payload', async () => {
    await send(t.app, { n: 'pageview', u: '/en/?utm_campaign=very-secret-campaign' });
    expect(responses.length).toBeGreaterThan(20);
    for (const res of responses) expect(res.headers.get('set-cookie')).toBeNull();
    expect(t.logs.join('\n')).not.toContain('very-secret-campaign');
    expect(t.logs.join('\n')).not.toContain('utm_');
  });

  it('logs refusals at info and accepted events only at debug (thousands a second would flood the log)', () => {
    const lines = t.logs.map((l) => JSON.parse(l) as { path?: string; status?: number });
    const collected = lines.filter((l) => l.path === '/api/event');
    expect(collected.map((l) => l.status)).toContain(403);
    expect(collected.map((l) => l.status)).toContain(429);
    expect(collected.map((l) => l.status)).not.toContain(202);
  });
});
