/**
 * Serving speed of the public pages, side by side in one run:
 * - a prepared page (`GET /en/faq` with brotli, rendered and compressed at start) from the real
 *   server, against a bare node:http server sending the same bytes and headers from memory
 *   (bench/bare-server.mjs) and against nginx serving them from a file (when nginx is installed);
 * - the request form (`GET /en/request`) of a set-up clinic, which differs for each visitor (its
 *   form token).
 * For each: requests per second and latency percentiles at 50 keep-alive connections, and the
 * server's CPU time per request (from /proc). The targets take turns, round after round, so a
 * drift of the machine's speed touches them alike; the ratios are per round.
 *
 *   npm run bench:pages -- [--rounds 3] [--seconds 10] [--connections 50] [--profile DIR]
 *                          [--command "node dist/server.js"] [--cwd DIR]
 *
 * The load comes from wrk (Debian's `wrk` package) when installed, else from a Node client
 * (bench/http-load.ts), which is slower than the servers it measures: install wrk for figures.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { freePort, startServerProcess } from '../tests/setup/server-process.ts';
import { load } from './http-load.ts';
import { ADMIN_URL } from './analytics-target.ts';
import { freshTarget } from './intake-target.ts';
import {
  cpuSeconds,
  median,
  percentile,
  processTree,
  SERVICE_COMMAND,
  serverCommand,
  stopTree,
} from './measure.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    /** A folder for the app server's V8 CPU profile (open it in Chrome DevTools). */
    profile: { type: 'string' },
    command: { type: 'string', default: SERVICE_COMMAND },
    cwd: { type: 'string', default: '.' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const profileFlags = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const server = serverCommand(values);
const [program = 'node', ...programArgs] = server.command;
const command = program === 'node' ? [program, ...profileFlags, ...programArgs] : server.command;
const { cwd } = server;
const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status === 1; // wrk --version exits 1
  }
})();
const hasNginx = (() => {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

type Run = { rps: number; p50: number; p99: number; cpuUs: number; requests: number };

/** `seconds` of load on one URL; CPU is read from the processes in `pids`. */
async function measure(url: string, pids: () => number[], duration = seconds): Promise<Run> {
  const cpu = () => pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const before = cpu();
  let result: Omit<Run, 'cpuUs'>;
  if (hasWrk) {
    const args = [
      '-t1',
      `-c${connections}`,
      `-d${duration}s`,
      '--latency',
      '-H',
      'Accept-Encoding: br, gzip',
      url,
    ];
    const { stdout } = await promisify(execFile)('wrk', args);
    const ms = (label: string) => {
      const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(stdout);
      const unit = { us: 0.001, ms: 1, s: 1000 }[(m?.[2] ?? 'ms') as 'us' | 'ms' | 's'];
      return Number(m?.[1]) * unit;
    };
    const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
    if (non2xx > 0) throw new Error(`${url}: ${non2xx} answers were not 2xx\n${stdout}`);
    result = {
      rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
      p50: ms('50'),
      p99: ms('99'),
      requests,
    };
  } else {
    const run = await load(url, [new URL(url).pathname], { seconds: duration }, connections);
    const sorted = run.latencies.sort((a, b) => a - b);
    const requests = run.latencies.length;
    result = {
      rps: requests / run.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      requests,
    };
  }
  return { ...result, cpuUs: ((cpu() - before) * 1e6) / result.requests };
}

/** Status, headers and body of one answer, as a browser asking for brotli gets it. */
function capture(url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = String(value);
        done({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', fail)
      .end();
  });
}

async function untilListening(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer`);
}

const work = mkdtempSync(join(tmpdir(), 'clinic-pages-bench-'));
const children: ChildProcess[] = [];
// A set-up clinic, as an installed one is (before set-up the form shows a notice instead).
const target = await freshTarget('pglite', ADMIN_URL);
const app = await startServerProcess({ ...target.env, LOG_LEVEL: 'warn' }, { command, cwd });
try {
  const page = await capture(`${app.url}/en/faq`);
  if (page.status !== 200 || page.headers['content-encoding'] !== 'br')
    throw new Error('GET /en/faq: no brotli page');
  const appPids = () => processTree(app.child.pid ?? 0);

  // The bare node:http server, with the same status, headers and bytes.
  writeFileSync(join(work, 'faq.json'), JSON.stringify({ ...page, body: page.body.toString('base64') }));
  const barePort = await freePort();
  const bare = spawn('node', ['bench/bare-server.mjs', join(work, 'faq.json'), String(barePort)], {
    stdio: 'inherit',
  });
  children.push(bare);
  const bareUrl = `http://127.0.0.1:${barePort}/en/faq`;
  await untilListening(bareUrl);

  // nginx, serving the same bytes from a file with the same headers.
  let nginxUrl: string | undefined;
  let nginxPids = () => [] as number[];
  if (hasNginx) {
    const nginxPort = await freePort();
    writeFileSync(join(work, 'faq.br'), page.body, { mode: 0o644 });
    chmodSync(work, 0o755); // nginx's worker runs as an unprivileged user
    const { 'content-type': type, 'content-length': _length, ...rest } = page.headers;
    const addHeaders = Object.entries(rest).map(
      ([n, v]) => `add_header ${n} '${v.replace(/'/g, "\\'")}' always;`,
    );
    writeFileSync(
      join(work, 'nginx.conf'),
      `worker_processes 1; pid ${join(work, 'nginx.pid')}; error_log ${join(work, 'nginx.log')} warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; server_tokens off; etag off; keepalive_requests 1000000;
  client_body_temp_path ${work}/t1; proxy_temp_path ${work}/t2; fastcgi_temp_path ${work}/t3; uwsgi_temp_path ${work}/t4; scgi_temp_path ${work}/t5;
  server { listen 127.0.0.1:${nginxPort};
    location / { root ${work}; default_type '${type}'; try_files /faq.br =404; ${addHeaders.join(' ')} } } }\n`,
    );
    const nginx = spawn('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'inherit',
    });
    children.push(nginx);
    nginxUrl = `http://127.0.0.1:${nginxPort}/en/faq`;
    nginxPids = () => processTree(nginx.pid ?? 0);
    await untilListening(nginxUrl);
  }

  console.log(
    `Serving speed: ${values.command} in ${cwd}; ${values.rounds} rounds of ${seconds} s, ${connections} connections, ` +
      `${hasWrk ? 'wrk' : 'a Node client'}; ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log(`GET /en/faq: ${page.body.length} bytes (brotli), ${Object.keys(page.headers).length} headers`);
  const targets: [string, string, () => number[]][] = [
    ['app', `${app.url}/en/faq`, appPids],
    ['bare node:http', bareUrl, () => [bare.pid ?? 0]],
    ...(nginxUrl ? [['nginx', nginxUrl, nginxPids] as [string, string, () => number[]]] : []),
    ['request form', `${app.url}/en/request`, appPids],
  ];
  for (const [, url, pids] of targets) await measure(url, pids, 3); // warm-up
  const runs = new Map<string, Run[]>(targets.map(([name]) => [name, []]));
  for (let round = 1; round <= Number(values.rounds); round++) {
    const line: string[] = [];
    for (const [name, url, pids] of targets) {
      const run = await measure(url, pids);
      runs.get(name)?.push(run);
      line.push(`${name} ${Math.round(run.rps)}/s p99 ${run.p99.toFixed(1)} ms ${Math.round(run.cpuUs)} µs`);
    }
    const [a, b, n] = [
      runs.get('app')?.at(-1),
      runs.get('bare node:http')?.at(-1),
      runs.get('nginx')?.at(-1),
    ];
    const ratios = `app/bare ${((a?.rps ?? 0) / (b?.rps ?? 1)).toFixed(2)}x${n ? `, app/nginx ${((a?.rps ?? 0) / n.rps).toFixed(2)}x` : ''}`;
    console.log(`round ${round}: ${line.join('; ')}; ${ratios}`);
  }
  console.log('\nmedians over the rounds:');
  for (const [name, list] of runs) {
    const m = (f: (r: Run) => number) => median(list.map(f));
    console.log(
      `  ${name.padEnd(16)} ${Math.round(m((r) => r.rps))} req/s, p50 ${m((r) => r.p50).toFixed(2)} ms, ` +
        `p99 ${m((r) => r.p99).toFixed(2)} ms, server CPU ${Math.round(m((r) => r.cpuUs))} µs per request`,
    );
  }
  const ratio = (x: string) => {
    const app = runs.get('app') ?? [];
    return median(app.map((r, i) => r.rps / (runs.get(x)?.[i]?.rps ?? NaN))).toFixed(2);
  };
  console.log(
    `  app / bare node:http: ${ratio('bare node:http')}x${nginxUrl ? `; app / nginx: ${ratio('nginx')}x` : ''}`,
  );
  console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await stopTree(app.child.pid ?? 0);
  await app.exited;
  await target.drop();
  rmSync(work, { recursive: true, force: true });
}
