import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../tests/setup/test-db.ts';

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
