import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';

export type TestDatabase = Database & {
  /** The PostgreSQL URL of this copy (PostgreSQL only), for a server process or pg_dump. */
  url?: string;
};

/**
 * A fresh, migrated database for one test file: a copy of the golden PGlite in memory, or a new
 * PostgreSQL database made from the golden template. close() throws the copy away.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB === 'postgres') {
    const base = process.env.TEST_DATABASE_URL as string;
    const golden = inject('goldenPostgres');
    const name = `${golden}_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE ${golden}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString() });
    return {
      ...db,
      url: url.toString(),
      close: async () => {
        await db.close();
        await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const tarball = readFileSync(inject('goldenPglite'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([tarball]) });
  return openDatabase({ pglite });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
