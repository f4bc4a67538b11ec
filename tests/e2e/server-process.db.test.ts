import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';
import { startServerProcess } from '../setup/server-process.ts';
import { REQUEST_PATH, SELF_CHECK_PATH } from '../../src/features/content/index.ts';

// The real server process, as `npm start` runs it: start-up checks, the DATA_DIR lock and shutdown.
const embedded = process.env.TEST_DB !== 'postgres';
let db: TestDatabase | undefined;
let dbEnv: () => Record<string, string>;

beforeAll(async () => {
  if (embedded) {
    dbEnv = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-data-')) });
  } else {
    db = await openTestDatabase();
    dbEnv = () => ({
      DATABASE_URL: db?.url as string,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-unused-')),
    });
  }
});
afterAll(() => db?.close());

describe('the server process', () => {
  it('serves the site, then shuts down cleanly on SIGTERM', async () => {
    const env = dbEnv();
    const server = await startServerProcess(env);
    expect((await fetch(`${server.url}/en/`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    if (embedded) expect(existsSync(join(env.DATA_DIR as string, 'clinic.lock'))).toBe(false);
  });

  it('behind TRUSTED_PROXIES=1, limits each visitor by the address the proxy forwarded', async () => {
    const server = await startServerProcess({ ...dbEnv(), TRUSTED_PROXIES: '1' });
    try {
      const beacon = (forwardedFor: string) =>
        fetch(`${server.url}/api/event`, {
          method: 'POST',
          headers: {
            origin: server.url,
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent':
              'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
            'x-forwarded-for': forwardedFor,
          },
          body: JSON.stringify({ n: 'pageview', u: '/en/' }),
        }).then((r) => r.status);
      // 120 events a minute per address: the 121st from one visitor is refused, whatever it
      // forges on the left of the header; another visitor behind the same proxy is not.
      // The limit counts per clock minute: a burst that crossed into the next minute would be
      // counted in two windows, so it starts with at least 30 s of its minute left.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
      const statuses = [];
      for (let i = 0; i < 121; i++) statuses.push(await beacon(`10.0.0.${i % 200}, 198.51.100.20`));
      expect(statuses.filter((s) => s === 202)).toHaveLength(120);
      expect(statuses.at(-1)).toBe(429);
      expect(await beacon('198.51.100.21')).toBe(202);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  // Two starts one after the other: longer than the usual limit on a busy machine.
  it('serves a later start from the cached site, the same bytes for every page and asset', async () => {
    // A DATA_DIR that does not exist yet (as on a PostgreSQL deployment that never had one).
    const base = dbEnv();
    const env = { ...base, SITE_URL: 'https://clinic.test', DATA_DIR: join(base.DATA_DIR as string, 'new') };
    const cacheFile = join(env.DATA_DIR, 'site-cache.bin');
    const everything = async (url: string) => {
      const sitemap = await (await fetch(`${url}/sitemap.xml`)).text();
      // The request form and the self-check are drawn for each visitor, not kept with the site.
      const perVisitor = [...Object.values(REQUEST_PATH), ...Object.values(SELF_CHECK_PATH)];
      const pages = [...sitemap.matchAll(/<loc>https:\/\/clinic\.test(\/[^<]*)<\/loc>/g)]
        .map((m) => m[1] as string)
        .filter((path) => !perVisitor.includes(path));
      const home = await (await fetch(`${url}/en/`)).text();
      const assets = [...home.matchAll(/"(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
      expect(pages.length).toBeGreaterThan(20);
      expect(assets.length).toBeGreaterThan(2);
      const seen: Record<string, unknown> = {};
      for (const path of ['/sitemap.xml', '/robots.txt', '/en/no-such-page', ...pages, ...assets]) {
        for (const encoding of ['br', 'gzip', 'identity']) {
          const response = await fetch(`${url}${path}`, { headers: { 'accept-encoding': encoding } });
          seen[`${path} ${encoding}`] = {
            status: response.status,
            etag: response.headers.get('etag'),
            encoding: response.headers.get('content-encoding'),
            body: createHash('sha256')
              .update(Buffer.from(await response.arrayBuffer()))
              .digest('hex'),
          };
        }
      }
      return seen;
    };
    const first = await startServerProcess(env);
    const built = await everything(first.url);
    // Stopped at once: the file is written once every page is compressed, and shutdown waits for it.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"publicSite":"build"');
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    const second = await startServerProcess(env);
    let served: Awaited<ReturnType<typeof everything>>;
    try {
      served = await everything(second.url);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    // Read once it has ended: the "listening" line may reach the pipe after /healthz answers.
    expect(second.output()).toContain('"publicSite":"cache"');
    expect(served).toEqual(built);
  }, 120_000);

  it('refuses a port already taken, or a host that is not this machine, before touching the database', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      const env = dbEnv();
      const server = await startServerProcess({ ...env, PORT: port }, { waitForReady: false });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`PORT ${port} is already in use on 127.0.0.1`);
      expect(server.output()).toContain('Example: PORT=3001');
      expect(server.output()).not.toMatch(/set-up link|\/staff\/setup\?token=|EADDRINUSE\n\s+at /);
      if (embedded) expect(existsSync(join(env.DATA_DIR as string, 'pgdata'))).toBe(false);
    } finally {
      taken.close();
    }
    const badHost = await startServerProcess(
      { ...dbEnv(), HOST: 'notahost.invalid' },
      { waitForReady: false },
    );
    expect(await badHost.exited).toBe(1);
    expect(badHost.output()).toContain('HOST "notahost.invalid" is not an address of this machine');
    expect(badHost.output()).not.toContain('getaddrinfo');
  });

  it('stops at start with a message naming a bad variable, and exits non-zero', async () => {
    const server = await startServerProcess(
      { ...dbEnv(), PORT: '3000', SITE_URL: 'ftp://clinic' },
      { waitForReady: false },
    );
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      'SITE_URL must be an http(s) origin with no path (got "ftp://clinic"). Example: SITE_URL=',
    );
  });

  it('refuses to start on a database migrated by newer code', async () => {
    const env = dbEnv();
    const first = await startServerProcess(env);
    first.child.kill('SIGTERM');
    await first.exited;
    if (embedded) {
      const { PGlite } = await import('@electric-sql/pglite');
      const pglite = await PGlite.create(join(env.DATA_DIR as string, 'pgdata'));
      await pglite.query("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future')");
      await pglite.close();
    } else {
      await db?.query("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future')");
    }
    const second = await startServerProcess(env, { waitForReady: false });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/migration 9999, which this code does not know/);
    if (!embedded) await db?.query('DELETE FROM schema_migrations WHERE version = 9999');
  });
});

describe.skipIf(!embedded)('the embedded database lock', () => {
  it('keeps a second server off the same DATA_DIR, naming the running process', async () => {
    const env = dbEnv();
    const first = await startServerProcess(env);
    const second = await startServerProcess(env, { waitForReady: false });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is in use by process ${first.child.pid}`);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('takes over the lock of a server that was killed', async () => {
    const env = dbEnv();
    const first = await startServerProcess(env);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(env.DATA_DIR as string, 'clinic.lock'))).toBe(true);
    const second = await startServerProcess(env);
    expect((await fetch(`${second.url}/en/faq`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe.skipIf(embedded)('several servers on one PostgreSQL database', () => {
  it('run side by side', async () => {
    const env = dbEnv();
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    expect((await fetch(`${a?.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${b?.url}/readyz`)).status).toBe(200);
    a?.child.kill('SIGTERM');
    b?.child.kill('SIGTERM');
    expect(await a?.exited).toBe(0);
    expect(await b?.exited).toBe(0);
  });
});
