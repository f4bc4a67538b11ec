/** What the benchmarks measure with: a process's CPU time and memory (Linux /proc), percentiles. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A process's resident memory now and at its peak, in MB, from /proc (Linux). */
export function memoryMb(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux); with `mainThread`, only its
 * main thread's (a Node server's JavaScript and embedded database run there, one post at a time;
 * V8's compilers and garbage collector also use other threads).
 */
export function cpuSeconds(pid: number, options: { mainThread?: boolean } = {}): number {
  try {
    const path = options.mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used by the PostgreSQL backends serving database `name`. */
export function postgresCpuSeconds(name: string | undefined): number {
  if (!name) return 0;
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${name} `))
        total += cpuSeconds(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Every process in the tree under `pid` (itself first), from /proc (Linux). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(processTree)];
}

/** Resident memory of a whole process tree in MB (the sum of each process's VmRSS), and its processes. */
export function treeMemoryMb(pid: number): { rss: number; processes: number } {
  const pids = processTree(pid);
  let rss = 0;
  for (const p of pids) {
    try {
      rss += memoryMb(p).now;
    } catch {
      // the process ended meanwhile
    }
  }
  return { rss, processes: pids.length };
}

/** The middle value of a list of numbers. */
export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Sends SIGTERM to every process of the tree under `pid` and waits until all are gone: a start
 * command that does not pass the signal on (an older `npm start`) must not leave its server running.
 */
export async function stopTree(pid: number): Promise<void> {
  const pids = processTree(pid);
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return !readFileSync(`/proc/${p}/stat`, 'utf8').includes(') Z ');
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 300 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
}

/** The service command (package.json's start script, without `exec`): what the benchmarks start by default. */
export const SERVICE_COMMAND = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
).scripts.start.replace(/^exec /, '');

/**
 * How a benchmark starts the server: `command` (default SERVICE_COMMAND) in `cwd` (another
 * checkout, say), after the production build when the command runs it.
 */
export function serverCommand(options: { command: string; cwd: string }): { command: string[]; cwd: string } {
  const cwd = resolve(options.cwd);
  if (options.command.includes('dist/'))
    execFileSync('node', ['scripts/build.mjs', '--if-stale'], { cwd, stdio: 'inherit' });
  return { command: options.command.split(' ').filter(Boolean), cwd };
}
