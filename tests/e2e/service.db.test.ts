import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { startServerProcess } from '../setup/server-process.ts';
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

/** The command lines of a process's children (Linux /proc). */
function childCommands(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return children
    .filter(Boolean)
    .map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim());
}

describe('npm start', () => {
  it('runs the built server as its own child, and SIGTERM to the npm process stops it: port free, lock gone', async () => {
    const env = dbEnv();
    const server = await startServerProcess(env, { command: ['npm', 'start'] });
    const port = Number(new URL(server.url).port);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // Nothing between npm and the server: no shell left waiting, no TypeScript loader.
    expect(childCommands(server.child.pid as number)).toEqual([
      'node --max-semi-space-size=1 --max-old-space-size=256 dist/server.js',
    ]);
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
  });
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
