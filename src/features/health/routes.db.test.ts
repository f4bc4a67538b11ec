import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../tests/setup/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { WRITE_PROBE_CACHE_MS } from './routes.ts';

const onPostgres = process.env.TEST_DB === 'postgres';

/** Runs SQL as the server's administrator (PostgreSQL only). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const readyz = async (t: TestApp) => {
  const res = await t.app.request('/readyz');
  return [res.status, await res.json()];
};

describe('health checks', () => {
  it('say the process is up but not ready once the database is gone', async () => {
    const t = await createTestApp();
    expect((await t.app.request('/readyz')).status).toBe(200);
    await t.close();
    const res = await t.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database-unreachable' });
    const health = await t.app.request('/healthz');
    expect([health.status, await health.json()]).toEqual([
      200,
      { status: 'ok', version: packageJson.version },
    ]);
  });

  describe('when the database answers reads but refuses writes', () => {
    const clock = testClock();
    let t: TestApp;
    afterAll(() => t.close());

    it('/readyz says 503 "writes-failing" on a full disk (SQLSTATE 53100), and 200 again once writes work', async () => {
      t = await createTestApp({ now: clock.now });
      expect(await readyz(t)).toEqual([200, { status: 'ready' }]);
      // A disk-full error from every write to the probe's row, as PostgreSQL raises it.
      await t.db.query(`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`);
      await t.db.query(
        'CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON health_probe FOR EACH ROW EXECUTE FUNCTION disk_full()',
      );
      // The probe's answer stands a few seconds, so a load balancer polling often writes rarely.
      expect((await readyz(t))[0]).toBe(200);
      clock.advance(WRITE_PROBE_CACHE_MS);
      expect(await readyz(t)).toEqual([503, { status: 'unavailable', reason: 'writes-failing' }]);
      const log = t.logs.join('');
      expect(log).toContain('readiness: database writes fail');
      expect(log).toContain('53100');
      expect(log).not.toContain('No space left');

      await t.db.query('DROP TRIGGER disk_full ON health_probe');
      clock.advance(WRITE_PROBE_CACHE_MS);
      expect(await readyz(t)).toEqual([200, { status: 'ready' }]);
      expect(t.logs.join('')).toContain('readiness: database writes work again');
    });

    it.runIf(onPostgres)(
      '/readyz says 503 "writes-failing" when PostgreSQL makes the database read-only, 200 once it is writable',
      async () => {
        const name = new URL(t.db.url ?? '').pathname.slice(1);
        const reconnect = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`;
        await admin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
        await admin(reconnect);
        try {
          clock.advance(WRITE_PROBE_CACHE_MS);
          // The first query after the pool's connections were cut may meet a dead one.
          await t.app.request('/readyz');
          clock.advance(WRITE_PROBE_CACHE_MS);
          expect(await readyz(t)).toEqual([503, { status: 'unavailable', reason: 'writes-failing' }]);
          expect(t.logs.join('')).toContain('25006');
        } finally {
          await admin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
          await admin(reconnect);
        }
        await t.app.request('/readyz');
        clock.advance(WRITE_PROBE_CACHE_MS);
        expect(await readyz(t)).toEqual([200, { status: 'ready' }]);
      },
    );
  });
});
