import { parse } from 'node-html-parser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWorld, testClock, type StaffBrowser } from '../../../tests/setup/staff.ts';
import type { TestApp } from '../../../tests/setup/test-app.ts';

const onPostgres = process.env.TEST_DB === 'postgres';
const clock = testClock();
let t: TestApp;
let admin: StaffBrowser;

beforeAll(async () => {
  ({ t, admin } = await adminWorld(clock));
});
let closed = false;
afterAll(async () => {
  if (!closed) await t.close();
});

/** Runs SQL as the server's administrator (PostgreSQL only). */
async function asAdministrator(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What a member sees on the outage page. */
async function outagePage(path: string) {
  const { res, html } = await admin.get(path);
  const page = parse(html);
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    cache: res.headers.get('cache-control'),
    heading: page.querySelector('h1')?.text,
    says: page.querySelector('main')?.text.replace(/\s+/g, ' ') ?? '',
    again: page.querySelector('main a')?.getAttribute('href'),
  };
}

describe('a signed-in staff page while the database is unavailable', () => {
  it('shows "The database is unavailable" (503, what to do) on a full disk, and the page itself once writes work', async () => {
    expect((await admin.get('/staff/account')).res.status).toBe(200);
    await t.db.query(`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`);
    // Every staff page writes the session's last use first.
    await t.db.query(
      'CREATE TRIGGER disk_full BEFORE UPDATE ON staff_sessions FOR EACH ROW EXECUTE FUNCTION disk_full()',
    );
    const seen = await outagePage('/staff/account');
    expect(seen).toEqual({
      status: 503,
      retryAfter: '30',
      cache: 'no-store',
      heading: 'The database is unavailable',
      says: expect.stringContaining('works again by itself as soon as the database is back'),
      again: '/staff/account',
    });
    expect(seen.says).toContain('tell whoever runs the server');
    expect(t.logs.join('')).toContain('staff page: database unavailable');
    expect(t.logs.join('')).not.toContain('No space left');

    await t.db.query('DROP TRIGGER disk_full ON staff_sessions');
    const back = await admin.get('/staff/account');
    expect(back.res.status).toBe(200);
    expect(parse(back.html).querySelector('h1')?.text).not.toBe('The database is unavailable');
  });

  it.runIf(onPostgres)(
    'shows the same 503 page while PostgreSQL refuses connections, and the inbox again once it is back, without a restart',
    async () => {
      const name = new URL(t.db.url ?? '').pathname.slice(1);
      await asAdministrator(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      try {
        await asAdministrator(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
        );
        const seen = await outagePage('/staff/?view=open');
        expect([seen.status, seen.heading, seen.again]).toEqual([
          503,
          'The database is unavailable',
          '/staff/?view=open',
        ]);
      } finally {
        await asAdministrator(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      }
      expect((await admin.get('/staff/')).res.status).toBe(200);
    },
  );

  it('shows the 503 page, not a generic error, when the embedded database handle is gone', async () => {
    if (onPostgres) return;
    await t.db.close();
    closed = true;
    const seen = await outagePage('/staff/account');
    expect([seen.status, seen.heading]).toEqual([503, 'The database is unavailable']);
  });
});
