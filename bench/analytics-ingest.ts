/**
 * Ingest throughput of the analytics collector: 50 clients posting at once to a real server
 * process (`src/server.ts`, as `npm start` runs it), on the embedded database and on PostgreSQL.
 * Each synthetic visit (bench/analytics-traffic.ts) comes from its own loopback address
 * (127.x.y.z) over its own keep-alive connection, as separate visitors' browsers do, so the
 * per-address rate limit applies as in production. Prints events/s, latency percentiles, and how
 * many events were in the database after a graceful shutdown (which flushes the buffer).
 *
 *   npm run bench:analytics:ingest -- [--events 100000] [--concurrency 50] [--db pglite,postgres]
 *     [--profile DIR]
 */
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { cpuSeconds, memoryMb, percentile, postgresCpuSeconds } from './measure.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { makeVisit, seeded, type Hit } from './analytics-traffic.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    db: { type: 'string', default: 'pglite,postgres' },
    'log-level': { type: 'string', default: 'info' },
    /** A folder for the server's V8 CPU profile (open it in Chrome DevTools), to see where time goes. */
    profile: { type: 'string' },
  },
});
const total = Number(values.events);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);

type Result = { seconds: number; statuses: Map<number, number>; latencies: number[] };

function post(agent: Agent, url: URL, origin: string, userAgent: string, hit: Hit): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'user-agent': userAgent },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(hit));
  });
}

/** Sends `count` events with `concurrency` clients; each visit has its own address and connection. */
async function load(baseUrl: string, count: number, seed: number, firstAddress: number): Promise<Result> {
  const url = new URL('/api/event', baseUrl);
  const rand = seeded(seed);
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let sent = 0;
  let address = firstAddress;
  const client = async () => {
    while (sent < count) {
      const visit = makeVisit(rand);
      const n = address++;
      const localAddress = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${1 + (n % 250)}`;
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress });
      for (const hit of visit.hits) {
        if (sent++ >= count) break;
        const started = performance.now();
        const status = await post(agent, url, baseUrl, visit.userAgent, hit);
        latencies.push(performance.now() - started);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      agent.destroy();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { seconds: (performance.now() - started) / 1000, statuses, latencies };
}

async function run(kind: 'pglite' | 'postgres'): Promise<void> {
  // Other work on the machine moves the figures a lot: say how busy it was.
  console.log(`${kind}: load average before the run ${loadavg()[0]?.toFixed(1)}`);
  const target = await freshAnalyticsTarget(kind);
  try {
    const server = await startServerProcess(
      { ...target.env, LOG_LEVEL: values['log-level'] },
      { nodeOptions: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [] },
    );
    const pid = server.child.pid ?? 0;
    await load(server.url, warmup, 7, 1);
    const dbName = target.env.DATABASE_URL ? new URL(target.env.DATABASE_URL).pathname.slice(1) : undefined;
    const before = {
      server: cpuSeconds(pid),
      client: process.cpuUsage(),
      pg: postgresCpuSeconds(dbName),
    };
    const result = await load(server.url, total, 42, 100_000);
    const serverCpu = cpuSeconds(pid) - before.server;
    const clientUsage = process.cpuUsage(before.client);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
    const pgCpu = postgresCpuSeconds(dbName) - before.pg;
    const memory = memoryMb(pid);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const db = await target.open();
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM analytics_events',
    );
    await db.close();
    const accepted = result.statuses.get(202) ?? 0;
    const us = (seconds: number) => Math.round((seconds * 1e6) / accepted);
    const ceiling = (seconds: number) => Math.round(accepted / Math.max(seconds, 1e-6));
    const sorted = [...result.latencies].sort((a, b) => a - b);
    console.log(
      `${kind.padEnd(8)} ${String(Math.round(accepted / result.seconds)).padStart(6)} events/s` +
        `  (${accepted} accepted of ${total} in ${result.seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(result.statuses))})` +
        `\n         latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms` +
        `\n         stored after graceful shutdown (exit ${exit}): ${n} rows (${n - warmup} from the timed run; warm-up ${warmup})` +
        `\n         CPU per event: server ${us(serverCpu)} µs, PostgreSQL backends ${us(pgCpu)} µs, load generator ${us(clientCpu)} µs` +
        `\n         server memory: ${memory.now} MB resident after the run, ${memory.peak} MB at the peak` +
        `\n         ceiling from CPU cost: the server's one thread${kind === 'pglite' ? ' (PGlite included)' : ''} saturates at ${ceiling(serverCpu)} events/s` +
        (kind === 'postgres' ? `; PostgreSQL on a core of its own at ${ceiling(pgCpu)} events/s` : ''),
    );
  } finally {
    await target.drop();
  }
}

console.log(
  `Analytics ingest: ${total} events, ${concurrency} concurrent clients, ${cpus().length} CPUs, Node ${process.version}`,
);
for (const kind of values.db.split(',') as ('pglite' | 'postgres')[]) await run(kind);
