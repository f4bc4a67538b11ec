/**
 * Submission latency of the request form: 20 patients posting at once to a real server process
 * (the service command, as `npm start` runs it), on the embedded database and on PostgreSQL.
 * Prints p50/p90/p99 per database and the CPU time per accepted post of the server, of the
 * PostgreSQL backends serving it and of this process (the submitters), which share the machine.
 *
 *   npm run bench:intake -- [--rounds 6] [--per-round 50] [--concurrency 20] [--db pglite,postgres]
 *                           [--profile DIR] [--command "node dist/server.js"] [--cwd DIR]
 *
 * The server runs with its default abuse policy. That policy asks for a proof of work once 60
 * posts arrive within 10 minutes, so each round posts fewer (--per-round) to a fresh database,
 * each patient from its own loopback address (10 posts per address are allowed). The timed part
 * is the POST alone, from sending it to the 303; forms are fetched and "filled" (2 s) beforehand.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  fetchForm,
  patientClient,
  postForm,
  referenceOf,
  type FetchedForm,
  type FormClient,
} from '../tests/setup/form-client.ts';
import { newMarker, patientFormFields } from '../tests/setup/patient.ts';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { freshTarget } from './intake-target.ts';
import { cpuSeconds, percentile, postgresCpuSeconds, SERVICE_COMMAND, serverCommand } from './measure.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    'per-round': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '20' },
    db: { type: 'string', default: 'pglite,postgres' },
    /** A folder for the server's V8 CPU profile (open it in Chrome DevTools). */
    profile: { type: 'string' },
    command: { type: 'string', default: SERVICE_COMMAND },
    cwd: { type: 'string', default: '.' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);
const concurrency = Number(values.concurrency);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const profileFlags = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const start = serverCommand(values);
const [program = 'node', ...programArgs] = start.command;
const command = program === 'node' ? [program, ...profileFlags, ...programArgs] : start.command;
const { cwd } = start;

/** One round: a fresh database and server; `perRound` posts by `concurrency` submitters at once. */
async function round(kind: 'pglite' | 'postgres'): Promise<{
  latencies: number[];
  seconds: number;
  cpu: { server: number; main: number; pg: number; client: number };
}> {
  const target = await freshTarget(kind, adminUrl);
  const server = await startServerProcess({ ...target.env, LOG_LEVEL: 'warn' }, { command, cwd });
  try {
    const clients = Array.from({ length: perRound }, (_, i) => patientClient(server.url, i));
    const forms: FetchedForm[] = [];
    for (const [i, client] of clients.entries()) forms.push(await fetchForm(client, i % 2 ? 'es' : 'en'));
    await new Promise((r) => setTimeout(r, 2_100));
    const fields = patientFormFields(newMarker());
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const dbName = target.env.DATABASE_URL ? new URL(target.env.DATABASE_URL).pathname.slice(1) : undefined;
    const pid = server.child.pid ?? 0;
    const before = {
      server: cpuSeconds(pid),
      main: cpuSeconds(pid, { mainThread: true }),
      pg: postgresCpuSeconds(dbName),
    };
    const clientBefore = process.cpuUsage();
    const submitter = async () => {
      for (let i = next++; i < perRound; i = next++) {
        const started = performance.now();
        const answer = await postForm(clients[i] as FormClient, forms[i] as FetchedForm, fields);
        const ms = performance.now() - started;
        if (!referenceOf(answer)) throw new Error(`post ${i} answered ${answer.status}, not 303`);
        latencies.push(ms);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, submitter));
    const client = process.cpuUsage(clientBefore);
    const cpu = {
      server: cpuSeconds(pid) - before.server,
      main: cpuSeconds(pid, { mainThread: true }) - before.main,
      pg: postgresCpuSeconds(dbName) - before.pg,
      client: (client.user + client.system) / 1e6,
    };
    return { latencies, seconds: (performance.now() - started) / 1000, cpu };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await target.drop();
  }
}

// Other work on the machine skews the figures: say how busy it was before we started.
const load = loadavg().map((l) => l.toFixed(1));
const rows: string[][] = [];
for (const kind of (values.db ?? '').split(',') as ('pglite' | 'postgres')[]) {
  const all: number[] = [];
  let seconds = 0;
  const cpu = { server: 0, main: 0, pg: 0, client: 0 };
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    const result = await round(kind);
    all.push(...result.latencies);
    seconds += result.seconds;
    cpu.server += result.cpu.server;
    cpu.main += result.cpu.main;
    cpu.pg += result.cpu.pg;
    cpu.client += result.cpu.client;
  }
  const sorted = all.sort((a, b) => a - b);
  const ms = (p: number) => percentile(sorted, p).toFixed(1);
  const perPost = (seconds: number) => ((seconds * 1000) / sorted.length).toFixed(1);
  rows.push([
    kind,
    String(sorted.length),
    ms(50),
    ms(90),
    ms(99),
    ms(100),
    (sorted.length / seconds).toFixed(0),
    perPost(cpu.server),
    perPost(cpu.main),
    kind === 'postgres' ? perPost(cpu.pg) : '—',
    perPost(cpu.client),
  ]);
  process.stderr.write(
    `${kind}: ${rounds} rounds in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

const header = [
  'database',
  'posts',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'max ms',
  'posts/s',
  'server CPU ms/post',
  'its main thread',
  'PostgreSQL CPU ms/post',
  'submitters CPU ms/post',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(
  `${values.command} in ${cwd}: ${concurrency} concurrent submitters, ${perRound} posts per round, ${rounds} rounds per database`,
);
console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average before start ${load.join(' ')}\n`,
);
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
