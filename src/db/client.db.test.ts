import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../tests/setup/test-db.ts';
import { openDatabase, POOL_KEEP_OPEN } from './client.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

describe.skipIf(process.env.TEST_DB !== 'postgres')('a PostgreSQL connection that breaks', () => {
  it('inside a transaction, between two statements: the transaction fails, the process lives on, the next one works', async () => {
    const transaction = db.rawTransaction(async (sql) => {
      const [own] = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Another connection ends this one, as a server stopped in the middle would.
      await db.query('SELECT pg_terminate_backend($1)', [own?.pid]);
      await new Promise((r) => setTimeout(r, 300)); // the connection's end arrives while it is checked out
      await sql.query('SELECT 1');
    });
    await expect(transaction).rejects.toThrow();
    expect(await db.rawTransaction((sql) => sql.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });
});

describe.skipIf(process.env.TEST_DB !== 'postgres')('the PostgreSQL pool', () => {
  const backends = async () => {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
    );
    return row?.n ?? 0;
  };

  it('opens its kept connections at start, before any statement', async () => {
    const before = await backends();
    const other = await openDatabase({ url: db.url ?? '' });
    try {
      expect(await backends()).toBe(before + POOL_KEEP_OPEN);
      // A burst wider than them still works: the pool opens more, up to its maximum.
      const pids = await Promise.all(
        Array.from({ length: 8 }, () =>
          other.rawTransaction(async (sql) => {
            const [own] = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            await sql.query('SELECT pg_sleep(0.05)');
            return own?.pid;
          }),
        ),
      );
      expect(new Set(pids).size).toBe(8);
    } finally {
      await other.close();
    }
    // A backend leaves pg_stat_activity a moment after its connection closes.
    for (let i = 0; i < 50 && (await backends()) > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await backends()).toBe(before);
  });

  it('fails to open with the error PostgreSQL gave', async () => {
    const url = new URL(db.url ?? '');
    url.pathname = '/no_such_database_here';
    await expect(openDatabase({ url: url.toString() })).rejects.toMatchObject({ code: '3D000' });
  });
});
