/**
 * The 30-day dashboard's latency at 1 million and 10 million raw events. Raw events are loaded
 * with set-based SQL (bench/analytics-seed.ts, one statement per day over 30 days), rolled up
 * with the app's own rollup code, then the dashboard is timed two ways: the report's queries
 * alone (buildReport), and the whole page rendered by the dashboard route (in process).
 *
 *   npm run bench:analytics:dashboard -- [--events 1000000,10000000] [--db postgres] [--runs 30]
 *   npm run bench:analytics:dashboard -- --events 1000000 --db pglite
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadClinic } from '../src/config/clinic.ts';
import type { Database } from '../src/db/client.ts';
import { buildPublicSite } from '../src/features/content/index.ts';
import {
  analyticsDashboardRoutes,
  buildReport,
  resolveRange,
  rollupDirtyDays,
} from '../src/features/analytics/index.ts';
import { addDays } from '../src/features/analytics/range.ts';
import { localDay } from '../src/features/analytics/visitor-id.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { percentile } from './measure.ts';
import { EVENTS_PER_VISIT, seedDay } from './analytics-seed.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000,10000000' },
    db: { type: 'string', default: 'postgres' },
    runs: { type: 'string', default: '30' },
  },
});
const TZ = 'America/Los_Angeles';
const DAYS = 30;
const runs = Number(values.runs);

const fmt = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${(s[s.length - 1] ?? 0).toFixed(1)} ms`;
};

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(); // warm caches and plans
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

async function load(db: Database, events: number, today: string): Promise<{ rows: number; seconds: number }> {
  const perDay = Math.round(events / EVENTS_PER_VISIT / DAYS);
  const started = performance.now();
  for (let d = 0; d < DAYS; d++) await seedDay(db, addDays(today, -d), perDay, d * perDay);
  await db.query('ANALYZE analytics_events');
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events');
  return { rows: n, seconds: (performance.now() - started) / 1000 };
}

async function run(kind: 'pglite' | 'postgres', events: number): Promise<void> {
  console.log(`${kind}, ${events} events: load average before the run ${loadavg()[0]?.toFixed(1)}`);
  const target = await freshAnalyticsTarget(kind);
  const db = await target.open();
  try {
    const today = localDay(new Date(), TZ);
    const loaded = await load(db, events, today);
    const rollupStarted = performance.now();
    await db.query(`INSERT INTO analytics_dirty_days (day) SELECT DISTINCT day FROM analytics_events`);
    await rollupDirtyDays(db);
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    const [sizes] = await db.query<{ totals: number; breakdowns: number }>(
      `SELECT (SELECT count(*)::int FROM analytics_daily_totals) AS totals,
              (SELECT count(*)::int FROM analytics_daily_breakdowns) AS breakdowns`,
    );
    await db.query('ANALYZE analytics_visits');
    const [visitRows] = await db.query<{ visits: number }>(
      'SELECT count(*)::int AS visits FROM analytics_visits',
    );
    const range = resolveRange({ kind: '30d' }, today);
    if ('error' in range) throw new Error(range.error);
    const report = await buildReport(db, range, { timeZone: TZ });
    const queries = await time(() => buildReport(db, range, { timeZone: TZ }));
    const { site } = await buildPublicSite({
      clinic: loadClinic('clinic.config.json'),
      siteUrl: 'http://127.0.0.1',
    });
    const routes = analyticsDashboardRoutes({ db, timeZone: TZ, site }, async (_c, next) => next());
    const page = await time(async () => {
      const res = await routes.request('/staff/analytics?range=30d');
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      await res.text();
    });
    const year = await time(async () => (await routes.request('/staff/analytics?range=12m')).text());
    // A campaign filter (about 8 % of visits in the seed): counted from analytics_visits.
    const filters = { campaign: 'back-pain-awareness' };
    const filteredReport = await buildReport(db, range, { timeZone: TZ, filters });
    const filteredQueries = await time(() => buildReport(db, range, { timeZone: TZ, filters }));
    const filteredPage = await time(async () => {
      const res = await routes.request('/staff/analytics?range=30d&campaign=back-pain-awareness');
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      await res.text();
    });
    console.log(
      `${kind} · ${loaded.rows.toLocaleString('en-US')} raw events over ${DAYS} days (loaded in ${loaded.seconds.toFixed(0)} s; ` +
        `rolled up in ${rollupSeconds.toFixed(1)} s into ${sizes?.totals} daily rows, ${sizes?.breakdowns} breakdown rows and ${visitRows?.visits} visit rows)\n` +
        `  report shows ${report.visitors.toLocaleString('en-US')} visitors, ${report.pageviews.toLocaleString('en-US')} page views\n` +
        `  30-day report queries: ${fmt(queries)}\n` +
        `  30-day dashboard page: ${fmt(page)}\n` +
        `  12-month dashboard page: ${fmt(year)}\n` +
        `  campaign filter shows ${filteredReport.visits.toLocaleString('en-US')} visits\n` +
        `  30-day report queries, campaign filter: ${fmt(filteredQueries)}\n` +
        `  30-day dashboard page, campaign filter: ${fmt(filteredPage)}`,
    );
  } finally {
    await db.close();
    await target.drop();
  }
}

console.log(`Analytics dashboard latency: ${runs} runs each, ${cpus().length} CPUs, Node ${process.version}`);
for (const kind of values.db.split(',') as ('pglite' | 'postgres')[])
  for (const events of values.events.split(',').map(Number)) await run(kind, events);
