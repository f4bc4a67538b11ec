import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { EVENT_NAMES } from './payload.ts';
import { analyticsTestApp, BROWSER_UA, SITE, testClock, type AnalyticsTestApp } from './test-fixtures.ts';

// 10,000 random and malformed requests to the collector, in process (app.request: no network).
// The seed is printed in the test name, so a failure can be replayed.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const COUNT = 10_000;

let db: TestDatabase;
let t: AnalyticsTestApp;
beforeAll(async () => {
  db = await openTestDatabase();
  t = analyticsTestApp(db, await testPublicSite(), testClock('2025-03-01T18:00:00Z'));
});
afterAll(() => db.close());

/** mulberry32: a small seeded generator, so every run of one seed sends the same requests. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzer(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const text = (max: number) =>
    Array.from({ length: int(max) }, () =>
      String.fromCharCode(pick([int(128), int(0x2fff), 0xd800 + int(0x800), int(32), 0x27, 0x22, 0x5c])),
    ).join('');
  const value = (depth: number): unknown =>
    depth > 3
      ? null
      : pick([
          () => text(40),
          () => rand() * 1e20 - 1e10,
          () => pick([true, false, null]),
          () => Array.from({ length: int(5) }, () => value(depth + 1)),
          () => Object.fromEntries(Array.from({ length: int(5) }, () => [text(8), value(depth + 1)])),
          () => pick([...EVENT_NAMES, 'PAGEVIEW', '', '__proto__']),
          () =>
            pick([
              '/',
              '/en/',
              '//x',
              '/en/faq?utm_source=' + text(200),
              'javascript:alert(1)',
              '/' + 'a'.repeat(int(3000)),
            ]),
        ])();
  const payload = () => {
    const base: Record<string, unknown> = {
      n: pick(EVENT_NAMES),
      u: pick(['/en/', '/es/solicitud', '/en/faq?utm_campaign=x']),
    };
    const key = pick(['n', 'u', 'r', 'f', 'extra', '__proto__', 'constructor']);
    if (rand() < 0.8) base[key] = value(0);
    return base;
  };
  const body = (): string =>
    pick([
      () => JSON.stringify(payload()),
      () => JSON.stringify(payload()).slice(0, int(60)),
      () => JSON.stringify(value(0)),
      () => text(300),
      () => `{"n":"pageview","u":"/en/","r":"${text(100)}"}`,
      () =>
        `{"n":"form_error","u":"/en/request","f":${JSON.stringify(Array.from({ length: int(30) }, () => text(12)))}}`,
      () => '['.repeat(int(1500)),
      () => 'x'.repeat(int(5000)),
    ])();
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {
      'content-type': pick([
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/json',
        'TEXT/PLAIN',
        'text/html',
        '',
        'multipart/form-data; boundary=x',
      ]),
      origin: pick([
        SITE,
        SITE,
        SITE,
        'https://evil.example',
        'null',
        `${SITE}.evil.example`,
        'http://clinic.test',
        '%%%',
      ]),
      'user-agent': pick([BROWSER_UA, BROWSER_UA, 'curl/8', '', text(300)]),
      'x-test-address': `198.18.${int(40)}.${int(250)}`,
    };
    if (rand() < 0.1) h['sec-gpc'] = '1';
    // Only what fits in an HTTP header; an empty value means the header is left out.
    return Object.fromEntries(Object.entries(h).filter(([, v]) => v && !/[^\t\x20-\x7e]/.test(v)));
  };
  return { body, headers, method: () => pick(['POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'OPTIONS']) };
}

describe('the collector under fuzzing', () => {
  it(
    `answers ${COUNT} random and malformed requests without a single 5xx (seed ${SEED})`,
    { timeout: 300_000 },
    async () => {
      const fuzz = fuzzer(random(SEED));
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        const method = fuzz.method();
        const init: RequestInit = { method, headers: fuzz.headers() };
        if (method !== 'GET') init.body = fuzz.body();
        const res = await t.app.request('/api/event', init);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 && failures.length < 5)
          failures.push(`#${i} ${res.status} ${String(init.body).slice(0, 200)}`);
        await res.arrayBuffer();
      }
      await t.settle();
      expect(failures).toEqual([]);
      expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
      // The fuzzer reached every kind of answer, valid ones included.
      for (const status of [202, 400, 403, 404, 413, 415])
        expect(statuses.get(status) ?? 0, String(status)).toBeGreaterThan(0);
      const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM analytics_events',
      );
      expect(n).toBeGreaterThan(0);
    },
  );
});
