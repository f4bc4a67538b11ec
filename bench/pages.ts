/**
 * Serving the public pages: 50 clients on keep-alive connections ask the real server
 * (`src/server.ts`, as `npm start` runs it) for every education page in both languages, with
 * brotli, as browsers do. Prints pages per second, latency percentiles, the bytes of each answer
 * and the server's CPU time per page. Pages are rendered and compressed once at start, so this
 * measures the HTTP path: routing, headers, ETag, the write.
 *
 *   npm run bench:pages -- [--requests 50000] [--concurrency 50] [--profile DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { cpuSeconds, memoryMb, percentile } from './measure.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50000' },
    warmup: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    /** A folder for the server's V8 CPU profile (open it in Chrome DevTools). */
    profile: { type: 'string' },
  },
});

function get(agent: Agent, url: URL): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(base: string, paths: string[], count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: Number(values.concurrency) });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let bytes = 0;
  const client = async () => {
    while (next < count) {
      const url = new URL(paths[next++ % paths.length] as string, base);
      const started = performance.now();
      const res = await get(agent, url);
      latencies.push(performance.now() - started);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      bytes += res.bytes;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.concurrency) }, client));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies, statuses, bytes };
}

const dataDir = mkdtempSync(join(tmpdir(), 'clinic-pages-bench-'));
const server = await startServerProcess(
  { DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  { nodeOptions: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [] },
);
try {
  const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] as string).pathname);
  console.log(
    `Public pages: ${paths.length} pages, ${values.requests} requests, ${values.concurrency} clients, ` +
      `${cpus().length} CPUs, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  const pid = server.child.pid ?? 0;
  // The education pages are prepared at start; the request form is rendered for each visitor
  // (its form token), so the two are measured apart.
  const forms = ['/en/request', '/es/solicitud'];
  const groups: [string, string[], number][] = [
    ['education and policy pages (prepared at start)', paths.filter((p) => !forms.includes(p)), 1],
    ['request form (rendered per request)', forms, 5],
  ];
  for (const [label, group, share] of groups) {
    const requests = Math.round(Number(values.requests) / share);
    await load(server.url, group, Math.round(Number(values.warmup) / share));
    const cpuBefore = cpuSeconds(pid);
    const run = await load(server.url, group, requests);
    const cpu = cpuSeconds(pid) - cpuBefore;
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const served = run.latencies.length;
    console.log(
      `\n${label}: ${group.length} pages, ${served} requests` +
        `\n  ${Math.round(served / run.seconds)} pages/s (statuses ${JSON.stringify(Object.fromEntries(run.statuses))})` +
        `\n  latency p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms` +
        `\n  ${Math.round(run.bytes / served)} bytes per page on average (brotli)` +
        `\n  server CPU ${Math.round((cpu * 1e6) / served)} µs per page`,
    );
  }
  console.log(`\nserver memory ${memoryMb(pid).now} MB resident`);
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
