import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from '../setup/server-process.ts';

// What a person deploying meets when a setting is wrong: the real server process stops at once,
// with one message that names the setting, says what failed and what to do; no stack, exit 1.
const embedded = process.env.TEST_DB !== 'postgres';
const NO_STACK = /\n\s+at |TypeError|RangeError|node:internal/;

async function failedStart(env: Record<string, string>, command?: string[]): Promise<ServerProcess> {
  const server = await startServerProcess(
    { DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-start-')), ...env },
    { waitForReady: false, ...(command ? { command } : {}) },
  );
  expect(await server.exited).toBe(1);
  expect(server.output()).not.toMatch(NO_STACK);
  return server;
}

describe('a server that cannot start says why', () => {
  it('SITE_URL without https:// is a configuration message with an example, not an Invalid URL stack', async () => {
    const server = await failedStart({ SITE_URL: 'clinic.example.com' });
    expect(server.output()).toContain(
      'SITE_URL must start with https:// (http:// only for a test on this machine) (got "clinic.example.com"). Example: SITE_URL=https://clinic.example.com',
    );
  });

  it('a PostgreSQL server that does not answer is named by DATABASE_URL, its password masked', async () => {
    const port = await freePort();
    const server = await failedStart({
      DATABASE_URL: `postgres://clinic:s3cret-pw@127.0.0.1:${port}/clinic`,
    });
    expect(server.output()).toContain(
      `Cannot use the PostgreSQL database of DATABASE_URL postgres://clinic:***@127.0.0.1:${port}/clinic: ` +
        `nothing answers at 127.0.0.1:${port} (ECONNREFUSED). Start PostgreSQL, or correct the host and port in DATABASE_URL.`,
    );
    expect(server.output()).not.toContain('s3cret-pw');
  });

  it.skipIf(embedded)(
    'a database that does not exist on the PostgreSQL server is named, with how to create it',
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = '/clinic_never_created';
      const server = await failedStart({ DATABASE_URL: url.toString() });
      expect(server.output()).toContain(
        `Cannot use the PostgreSQL database of DATABASE_URL ${url.toString()}`,
      );
      expect(server.output()).toContain('database "clinic_never_created" does not exist. Create it');
    },
  );

  it.skipIf(!embedded)('a DATA_DIR this user may not write is named, with what to do', async () => {
    // Root writes anywhere: as root, the server runs as nobody, in a folder only root may write.
    const parent = mkdtempSync(join(tmpdir(), 'clinic-readonly-'));
    chmodSync(parent, 0o500);
    const dataDir = join(parent, 'data');
    const asNobody = process.getuid?.() === 0;
    const command = asNobody
      ? [
          'setpriv',
          '--reuid=nobody',
          '--regid=nogroup',
          '--clear-groups',
          process.execPath,
          '--import',
          'tsx',
          'src/server.ts',
        ]
      : undefined;
    const server = await failedStart({ DATA_DIR: dataDir }, command);
    expect(server.output()).toContain(
      `DATA_DIR ${dataDir} may not be written by this user (EACCES): the embedded database and its lock live there. ` +
        'Point DATA_DIR at a writable directory owned by the user that runs Clinic Site, or set DATABASE_URL to use PostgreSQL.',
    );
  });

  it.skipIf(!embedded)('a file where DATA_DIR should be is named as not a directory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clinic-file-')), 'data');
    writeFileSync(file, 'not a folder');
    const server = await failedStart({ DATA_DIR: file });
    expect(server.output()).toContain(`DATA_DIR ${file} is not a directory: a file has that name`);
  });

  it('too old a Node stops the production entries first, with a message, before any module loads', async () => {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--if-stale']);
    for (const entry of ['dist/server.js', 'dist/clinic.js']) {
      // Nothing but the check and Node's own modules is loaded before it passes: the real bundle is
      // imported afterwards.
      const source = readFileSync(entry, 'utf8');
      const [banner, ...imports] = source.match(/^import .*$/gm) ?? [];
      expect(banner).toBe(
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      );
      for (const line of imports) expect(line).toMatch(/^import \w+ from "node:[a-z]+";$/);
      expect(source).toMatch(/import\("\.\/(server|clinic)-main\.js"\)/);
    }
    // This machine's Node is new enough: the child is told it runs 18.20.4.
    const oldNode = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"18.20.4"})';
    const dataDir = join(mkdtempSync(join(tmpdir(), 'clinic-old-node-')), 'data');
    const server = await failedStart({ DATA_DIR: dataDir }, [
      process.execPath,
      '--import',
      oldNode,
      'dist/server.js',
    ]);
    expect(server.output()).toBe(
      'Clinic Site needs Node.js 20.19.0 or newer; this is Node.js 18.20.4. Install a current LTS release (22 or 24, from nodejs.org or your system packages), then start it again.\n',
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
