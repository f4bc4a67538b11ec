/**
 * Start-up time: from starting the server process to its first `GET /readyz` 200, on the
 * embedded database (first start, which creates it, and a later start) and on PostgreSQL (a new,
 * empty database, then a later start). Min / median / max over the rounds. The starts of a round
 * share one DATA_DIR, so a later start finds what the earlier one kept there (the built site).
 *
 *   npm run bench:startup -- [--rounds 3] [--command "node dist/server.js"] [--cwd DIR]
 *
 * --command and --cwd run another checkout or start command (`--command "npm start" --cwd
 * ../main` measures main as a user starts it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { ADMIN_URL, admin } from './analytics-target.ts';
import { cpuSeconds, percentile, processTree, SERVICE_COMMAND, serverCommand, stopTree } from './measure.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    command: { type: 'string', default: SERVICE_COMMAND },
    cwd: { type: 'string', default: '.' },
  },
});
const { command, cwd } = serverCommand(values);

/**
 * Seconds from spawning the server to its first /readyz 200, and the CPU seconds its process tree
 * used by then (steadier than the wall time on a busy machine); then stops it.
 */
async function timeToReady(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess(
    // A deployment sets SITE_URL; left out, it would follow each start's random port (and the
    // public site, built for its origin, would differ from one start to the next).
    { SITE_URL: 'https://clinic.example', ...env, LOG_LEVEL: 'warn' },
    { command, cwd, waitForReady: false },
  );
  try {
    for (;;) {
      const ok = await fetch(`${server.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        cpu.push(processTree(server.child.pid ?? 0).reduce((sum, pid) => sum + cpuSeconds(pid), 0));
        return (performance.now() - started) / 1000;
      }
      if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await stopTree(server.child.pid ?? 0);
    await server.exited;
  }
}

/** CPU seconds at readiness, in the order of the starts. */
const cpu: number[] = [];
const figures: Record<string, number[]> = {
  'embedded, first start (creates the database)': [],
  'embedded, a later start': [],
  'PostgreSQL, first start (migrates a new database)': [],
  'PostgreSQL, a later start': [],
};
const [embeddedFirst, embeddedLater, postgresFirst, postgresLater] = Object.values(figures) as number[][];
console.log(
  `Start to /readyz: ${values.command} in ${cwd}, ${values.rounds} rounds, Node ${process.version}, ` +
    `load average ${loadavg()[0]?.toFixed(1)}`,
);
for (let round = 0; round < Number(values.rounds); round++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-startup-bench-'));
  // PostgreSQL's first start must find nothing kept by the embedded starts.
  const postgresDataDir = mkdtempSync(join(tmpdir(), 'clinic-startup-bench-pg-'));
  const name = `clinic_startup_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(`CREATE DATABASE ${name}`);
  try {
    embeddedFirst?.push(await timeToReady({ DATA_DIR: dataDir }));
    embeddedLater?.push(await timeToReady({ DATA_DIR: dataDir }));
    const postgres = { DATA_DIR: postgresDataDir, DATABASE_URL: url.toString() };
    postgresFirst?.push(await timeToReady(postgres));
    postgresLater?.push(await timeToReady(postgres));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(postgresDataDir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
Object.entries(figures).forEach(([label, seconds], kind) => {
  const sorted = [...seconds].sort((a, b) => a - b);
  const f = (p: number) => percentile(sorted, p).toFixed(2);
  // Four starts a round, in the order of `figures`.
  const cpuOfKind = cpu.filter((_, i) => i % 4 === kind).sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(50)} min ${f(0)} s, median ${f(50)} s, max ${f(100)} s; CPU median ${percentile(cpuOfKind, 50).toFixed(2)} s`,
  );
});
console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
