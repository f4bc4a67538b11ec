// Helpers for this feature's tests only (nothing in the app imports this file).
import { Writable } from 'node:stream';
import type { Hono } from 'hono';
import { createApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import type { PublicSite } from '../content/index.ts';
import { createAnalyticsIngest, type AnalyticsIngest } from './ingest.ts';
import { rollupDirtyDays } from './queries/rollup.ts';
import type { RateLimitPolicy } from './rate-limiter.ts';

export const SITE = 'https://clinic.test';
export const BROWSER_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
export const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

export type Clock = { now: Date; advance(ms: number): Date };

/** A clock a test moves by hand. */
export function testClock(start: string): Clock {
  const clock: Clock = {
    now: new Date(start),
    advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)),
  };
  return clock;
}

export type AnalyticsTestApp = {
  app: Hono;
  ingest: AnalyticsIngest;
  logs: string[];
  /** Writes what is buffered and rolls up the days that changed, as the jobs would. */
  settle(): Promise<void>;
};

/**
 * The whole app over `db`, with the collector's clock and batch writer in the test's hands and
 * the visitor's address taken from an X-Test-Address header (app.request() has no socket).
 */
export function analyticsTestApp(
  db: Database,
  publicSite: PublicSite,
  clock: Clock,
  limit?: RateLimitPolicy,
): AnalyticsTestApp {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const now = () => clock.now;
  // A long flush delay: the test decides when batches are written.
  const ingest = createAnalyticsIngest({ db, logger, now, limit, writer: { flushMs: 60_000 } });
  const app = createApp({
    env: { siteUrl: SITE },
    db,
    logger,
    publicSite,
    now,
    analytics: ingest,
    clientAddress: (c) => c.req.header('x-test-address') ?? '198.51.100.1',
  });
  return {
    app,
    ingest,
    logs,
    async settle() {
      await ingest.writer.flush();
      await rollupDirtyDays(db);
    },
  };
}

export type Hit = { n: string; u: string; r?: string; f?: string[] };

/** Posts one event as the tracker's sendBeacon does (text/plain, our Origin). */
export function sendEvent(
  app: Hono,
  body: Hit | string,
  options: { address?: string; userAgent?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return Promise.resolve(
    app.request('/api/event', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        origin: SITE,
        'user-agent': options.userAgent ?? BROWSER_UA,
        'x-test-address': options.address ?? '203.0.113.9',
        ...options.headers,
      },
    }),
  );
}

const MINUTE = 60_000;

/**
 * A small day of traffic with known answers (see SCENARIO_TOTALS): three visitors, four visits.
 * A: Google ad → home → a guide → request page → form started, an error, sent; 40 minutes
 *    later, the FAQ alone (a second visit, a bounce).
 * B: from Facebook to the Spanish home page, and gone (a bounce), on a Windows desktop.
 * C: the Spanish FAQ, then taps the phone number and switches language (3 minutes).
 */
export async function sendScenario(app: Hono, clock: Clock): Promise<void> {
  const a = { address: '203.0.113.1' };
  const b = { address: '203.0.113.2', userAgent: DESKTOP_UA };
  const c = { address: '203.0.113.3' };
  const start = clock.now.getTime();
  const at = async (minutes: number, hit: Hit, who: typeof a) => {
    clock.now = new Date(start + minutes * MINUTE);
    const res = await sendEvent(app, hit, who);
    if (res.status !== 202) throw new Error(`scenario event refused with ${res.status}`);
  };
  await at(
    0,
    {
      n: 'pageview',
      u: '/en/?utm_source=Google&utm_medium=cpc&utm_campaign=spring',
      r: 'https://www.google.com',
    },
    a,
  );
  await at(1, { n: 'pageview', u: '/en/is-it-right-for-me' }, a);
  await at(2, { n: 'request_click', u: '/en/is-it-right-for-me' }, a);
  await at(2, { n: 'pageview', u: '/en/request' }, a);
  await at(3, { n: 'form_start', u: '/en/request' }, a);
  await at(4, { n: 'form_error', u: '/en/request', f: ['tel'] }, a);
  await at(5, { n: 'form_submitted', u: '/en/request' }, a);
  await at(45, { n: 'pageview', u: '/en/faq' }, a);
  await at(6, { n: 'pageview', u: '/es/', r: 'https://facebook.com/' }, b);
  await at(10, { n: 'pageview', u: '/es/preguntas-frecuentes' }, c);
  await at(12, { n: 'phone_click', u: '/es/preguntas-frecuentes' }, c);
  await at(13, { n: 'language_switch', u: '/es/preguntas-frecuentes' }, c);
}

/** What sendScenario adds to its day. */
export const SCENARIO_TOTALS = {
  visitors: 3,
  visits: 4,
  pageviews: 6,
  bounces: 2,
  durationSeconds: 480,
  educationVisits: 3,
  requestPageVisits: 1,
  formStartedVisits: 1,
  submittedVisits: 1,
};
