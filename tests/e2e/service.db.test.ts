import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

// The site as a service runs it: `npm start` (the production build, run by plain node) and the
// command-line tool from the same build.
const embedded = process.env.TEST_DB !== 'postgres';
let db: TestDatabase | undefined;
let dbEnv: () => Record<string, string>;

beforeAll(async () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'clinic-service-'));
  if (embedded) dbEnv = () => ({ DATA_DIR: dataDir() });
  else {
    db = await openTestDatabase();
    dbEnv = () => ({ DATABASE_URL: db?.url as string, DATA_DIR: dataDir() });
  }
});
afterAll(() => db?.close());

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** The process ids of a process's children (Linux /proc). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The command lines of a process's children (Linux /proc). */
function childCommands(pid: number): string[] {
  return childPids(pid).map((child) =>
    readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim(),
  );
}

// A test that fails half-way must not leave `npm start` and its server running (the port, the
// DATA_DIR lock and a core of a shared machine): the server first, then npm.
const started: ServerProcess[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) {
    const pid = server.child.pid;
    if (pid === undefined || server.child.exitCode !== null || server.child.signalCode !== null) continue;
    for (const child of childPids(pid)) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    server.child.kill('SIGKILL');
    await server.exited;
  }
});

/** What `npm start` runs, as its child's command line: node and its flags, no shell. */
const START_COMMAND = packageJson.scripts.start.replace(/^exec /, '');

describe('npm start', () => {
  it('runs the built server as its own child, and SIGTERM to the npm process stops it: port free, lock gone', async () => {
    const env = dbEnv();
    const server = await startServerProcess(env, { command: ['npm', 'start'], waitForReady: false });
    started.push(server);
    const port = Number(new URL(server.url).port);
    await vi.waitFor(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), {
      timeout: 90_000,
      interval: 100,
    });
    // Nothing between npm and the server: no shell left waiting, no TypeScript loader.
    expect(START_COMMAND).toMatch(/^node (--[a-z-]+(=\d+)? )*dist\/server\.js$/);
    expect(childCommands(server.child.pid as number)).toEqual([START_COMMAND]);
    // The start-up line may reach this process's pipe a moment after the first answer.
    await vi.waitFor(
      () =>
        expect(server.output()).toMatch(new RegExp(`"version":"${packageJson.version}".*"msg":"listening"`)),
      { timeout: 10_000 },
    );
    // The shipped clinic.config.json still holds its made-up phone, address and doctor.
    expect(server.output()).toMatch(
      /"level":40.*"the phone \(\+12135550142\) is a 555 number".*shipped example values/,
    );
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({
      status: 'ok',
      version: packageJson.version,
    });

    const sent = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(exit).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(join(env.DATA_DIR as string, 'clinic.lock'))).toBe(false);
  }, 120_000);
});

describe('npm run clinic', () => {
  const clinic = (...args: string[]) =>
    promisify(execFile)('npm', ['run', '--silent', 'clinic', '--', ...args], {
      env: { ...process.env, ...dbEnv() },
    });

  it('--version prints the release, a semantic version', async () => {
    const { stdout } = await clinic('--version');
    expect(stdout.trim()).toBe(packageJson.version);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('--help lists the commands', async () => {
    const { stdout } = await clinic('--help');
    expect(stdout).toContain('Usage: npm run clinic -- <command> [options]');
    expect(stdout).toMatch(/^ {2}backup /m);
  });
});
