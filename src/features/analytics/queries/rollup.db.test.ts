import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPublicSite } from '../../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../../tests/setup/test-db.ts';
import { createLogger } from '../../../lib/logger.ts';
import { createAnalyticsJobs } from '../jobs.ts';
import {
  analyticsTestApp,
  SCENARIO_TOTALS,
  sendEvent,
  sendScenario,
  testClock,
  type AnalyticsTestApp,
} from '../test-fixtures.ts';
import { listBreakdowns } from './breakdowns.ts';
import { rollupDirtyDays, rollupMarkedDay } from './rollup.ts';
import { sumTotals } from './totals.ts';

let db: TestDatabase;
let t: AnalyticsTestApp;
const clock = testClock('2025-03-01T18:00:00Z');
const day = { from: '2025-03-01', to: '2025-03-01' };

beforeAll(async () => {
  db = await openTestDatabase();
  t = analyticsTestApp(db, await testPublicSite(), clock);
  await sendScenario(t.app, clock);
  await t.settle();
});
afterAll(() => db.close());

describe('daily rollups', () => {
  it('count visitors, visits (30 minutes apart), page views, bounces, visit length and the funnel', async () => {
    expect(await sumTotals(db, day)).toEqual(SCENARIO_TOTALS);
  });

  it('break each visit down by entry page, source, campaign, device, browser, OS and language', async () => {
    const b = await listBreakdowns(db, day, 50);
    const pick = (rows: { value: string; visits: number; conversions: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.value, [r.visits, r.conversions]]));
    expect(pick(b.entry)).toEqual({
      '/en/': [1, 1],
      '/en/faq': [1, 0],
      '/es/': [1, 0],
      '/es/preguntas-frecuentes': [1, 0],
    });
    expect(pick(b.source)).toEqual({ google: [1, 1], 'facebook.com': [1, 0], '(direct)': [2, 0] });
    expect(pick(b.referrer)).toEqual({ 'google.com': [1, 1], 'facebook.com': [1, 0] });
    expect(pick(b.utm_source)).toEqual({ google: [1, 1] });
    expect(pick(b.utm_medium)).toEqual({ cpc: [1, 1] });
    expect(pick(b.utm_campaign)).toEqual({ spring: [1, 1] });
    expect(pick(b.language)).toEqual({ en: [2, 1], es: [2, 0] });
    expect(pick(b.device)).toEqual({ phone: [3, 1], desktop: [1, 0] });
    expect(pick(b.browser)).toEqual({ Safari: [3, 1], Chrome: [1, 0] });
    expect(pick(b.os)).toEqual({ iOS: [3, 1], Windows: [1, 0] });
    expect(b.entry.find((r) => r.value === '/en/faq')).toMatchObject({
      bounces: 1,
      visitors: 1,
      durationSeconds: 0,
    });
  });

  it('count page views per page, and events and form-error fields by name', async () => {
    const b = await listBreakdowns(db, day, 50);
    expect(Object.fromEntries(b.page.map((r) => [r.value, r.pageviews]))).toEqual({
      '/en/': 1,
      '/en/is-it-right-for-me': 1,
      '/en/request': 1,
      '/en/faq': 1,
      '/es/': 1,
      '/es/preguntas-frecuentes': 1,
    });
    expect(b.page.find((r) => r.value === '/en/request')?.conversions).toBe(1);
    expect(Object.fromEntries(b.event.map((r) => [r.value, r.events]))).toEqual({
      request_click: 1,
      form_start: 1,
      form_error: 1,
      form_submitted: 1,
      phone_click: 1,
      language_switch: 1,
    });
    expect(b.form_error_field.map((r) => [r.value, r.events])).toEqual([['tel', 1]]);
  });

  it('gives the same answer when a day is rolled up again, and adds what came later', async () => {
    await db.query("INSERT INTO analytics_dirty_days (day) VALUES ('2025-03-01')");
    expect(await rollupDirtyDays(db)).toEqual(['2025-03-01']);
    expect(await sumTotals(db, day)).toEqual(SCENARIO_TOTALS);
    clock.now = new Date('2025-03-02T06:00:00Z'); // 22:00 on 1 March in Los Angeles
    await sendEvent(t.app, { n: 'pageview', u: '/en/faq' }, { address: '203.0.113.99' });
    await t.settle();
    expect(await sumTotals(db, day)).toMatchObject({ visitors: 4, visits: 5, pageviews: 7, bounces: 3 });
    expect(await db.query('SELECT * FROM analytics_dirty_days')).toEqual([]);
  });

  it('leaves a day dirty when a batch arrived while it was rolled up', async () => {
    await db.query("INSERT INTO analytics_dirty_days (day) VALUES ('2025-03-01')");
    const [mark] = await db.query<{ day: string; version: string }>(
      'SELECT day::text AS day, version::text AS version FROM analytics_dirty_days',
    );
    // A batch commits after the rollup read the mark: it bumps the version.
    await db.query("UPDATE analytics_dirty_days SET version = version + 1 WHERE day = '2025-03-01'");
    await rollupMarkedDay(db, mark as { day: string; version: string });
    expect(await db.query('SELECT day FROM analytics_dirty_days')).toHaveLength(1);
    await rollupDirtyDays(db);
    expect(await db.query('SELECT day FROM analytics_dirty_days')).toHaveLength(0);
  });

  it('deletes raw events after the retention period and keeps the rollups for good', async () => {
    const logger = createLogger('silent');
    clock.now = new Date('2025-04-15T18:00:00Z');
    const jobs = createAnalyticsJobs({
      db,
      ingest: t.ingest,
      logger,
      timeZone: 'America/Los_Angeles',
      retentionDays: 30,
    });
    await sendEvent(t.app, { n: 'pageview', u: '/en/' }, { address: '203.0.113.50' });
    await jobs.runOnce();
    const days = await db.query<{ day: string }>('SELECT DISTINCT day::text AS day FROM analytics_events');
    expect(days).toEqual([{ day: '2025-04-15' }]);
    expect(await sumTotals(db, day)).toMatchObject({ visitors: 4, visits: 5, pageviews: 7 });
    expect(await db.query<{ day: string }>('SELECT day::text AS day FROM analytics_salts')).toEqual([
      { day: '2025-04-15' },
    ]);
    await jobs.stop();
  });
});
