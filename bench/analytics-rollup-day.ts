/**
 * What rolling up one busy day costs, this checkout's rollup against another checkout's (main,
 * say), side by side: one day of synthetic raw events (bench/analytics-seed.ts), then the two
 * rollups of that day in turn, A B A B …, each in its own transaction as the upkeep job runs it.
 * The database is migrated by this checkout, so it has every table either rollup writes.
 *
 *   npm run bench:analytics:rollup -- [--visits 11600,116000] [--against ../main] [--runs 5] [--db postgres]
 *
 * 11,600 visits are a day of the dashboard benchmark's 1 million events, 116,000 one of 10 million.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/client.ts';
import { rollupMarkedDay } from '../src/features/analytics/queries/rollup.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { percentile } from './measure.ts';
import { seedDay } from './analytics-seed.ts';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '11600,116000' },
    against: { type: 'string' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string', default: 'postgres' },
  },
});
const runs = Number(values.runs);
const DAY = '2026-01-15';

type Rollup = (db: Database, mark: { day: string; version: number }) => Promise<void>;
const rollups: [string, Rollup][] = [['this checkout', rollupMarkedDay]];
if (values.against) {
  const other = resolve(values.against, 'src/features/analytics/queries/rollup.ts');
  const module = (await import(other)) as { rollupMarkedDay: Rollup };
  rollups.push([values.against, module.rollupMarkedDay]);
}

const median = (ms: number[]) =>
  percentile(
    [...ms].sort((a, b) => a - b),
    50,
  );

for (const visits of values.visits.split(',').map(Number)) {
  const target = await freshAnalyticsTarget(values.db as 'pglite' | 'postgres');
  const db = await target.open();
  try {
    await seedDay(db, DAY, visits, 0);
    await db.query('ANALYZE analytics_events');
    const times = rollups.map(() => [] as number[]);
    for (let i = -1; i < runs; i++)
      for (const [n, [, rollup]] of rollups.entries()) {
        const started = performance.now();
        await rollup(db, { day: DAY, version: 0 });
        if (i >= 0) times[n]?.push(performance.now() - started); // the first round warms caches
      }
    const [events] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events');
    console.log(
      `${values.db}, one day of ${visits.toLocaleString('en-US')} visits (${events?.n.toLocaleString('en-US')} events), ` +
        `${runs} runs each, load average ${loadavg()[0]?.toFixed(1)}`,
    );
    for (const [n, [name]] of rollups.entries())
      console.log(
        `  ${name}: median ${median(times[n] ?? []).toFixed(0)} ms (${times[n]?.map((t) => t.toFixed(0)).join(', ')})`,
      );
    if (rollups.length === 2) {
      const ratios = (times[0] ?? []).map((t, i) => t / (times[1]?.[i] ?? NaN));
      console.log(
        `  ratio this / other, pair by pair: median ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    await db.close();
    await target.drop();
  }
}
