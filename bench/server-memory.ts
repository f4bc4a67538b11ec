/**
 * The server's memory as a host sees it: the resident memory (RSS) of the whole process tree the
 * start command creates (npm, a shell, the server: whatever it leaves running), idle after start
 * and while 50 clients load pages for 60 s (every page in the sitemap, the request forms
 * included), on the embedded database (its first start, which creates it, and a later start) and
 * on PostgreSQL (whose own processes are not counted: they are the database server's).
 *
 *   npm run bench:memory -- [--seconds 60] [--command "node dist/server.js"] [--cwd DIR]
 *
 * --command and --cwd run another checkout or start command (`--command "npm start" --cwd
 * ../main` measures main as a user starts it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { load, sitemapPaths } from './http-load.ts';
import { memoryMb, processTree, SERVICE_COMMAND, serverCommand, stopTree, treeMemoryMb } from './measure.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    command: { type: 'string', default: SERVICE_COMMAND },
    cwd: { type: 'string', default: '.' },
  },
});
const { command, cwd } = serverCommand(values);

/** Starts the server, reads the tree idle, loads it, reads it again (and its peak meanwhile), stops it. */
async function measure(label: string, env: Record<string, string>): Promise<void> {
  const server = await startServerProcess({ ...env, LOG_LEVEL: 'warn' }, { command, cwd });
  const pid = server.child.pid ?? 0;
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idle = treeMemoryMb(pid);
    const paths = await sitemapPaths(server.url);
    let peak = idle.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, treeMemoryMb(pid).rss)), 250);
    const run = await load(
      server.url,
      paths,
      { seconds: Number(values.seconds) },
      Number(values.concurrency),
    );
    clearInterval(sampler);
    const loaded = treeMemoryMb(pid);
    peak = Math.max(peak, loaded.rss);
    // The server is the tree's largest process (npm, a shell or esbuild's service are small).
    const serverPid = processTree(pid).sort((a, b) => memoryMb(b).now - memoryMb(a).now)[0] ?? pid;
    console.log(
      `${label.padEnd(44)} idle ${String(idle.rss).padStart(4)} MB, after ${values.seconds} s of load ` +
        `${String(loaded.rss).padStart(4)} MB (peak ${peak} MB; ${loaded.processes} processes; ` +
        `server process peak ${memoryMb(serverPid).peak} MB; ${Math.round(run.latencies.length / run.seconds)} pages/s)`,
    );
  } finally {
    await stopTree(server.child.pid ?? 0);
    await server.exited;
  }
}

console.log(
  `Process-tree memory: ${values.command} in ${cwd}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
);
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-memory-bench-'));
try {
  await measure('embedded database, first start (creates it)', { DATA_DIR: dataDir });
  await measure('embedded database, a later start', { DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const postgres = await freshAnalyticsTarget('postgres');
try {
  await measure('PostgreSQL (the app, not the database server)', postgres.env);
} finally {
  await postgres.drop();
}
console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
