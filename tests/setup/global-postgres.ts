import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TEST_DATABASE_URL } from '../../vitest.config.ts';

/** Migrates one template database; each test file gets CREATE DATABASE … TEMPLATE of it. */
export default async function setup(project: TestProject) {
  const golden = `clinic_golden_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${golden}`);
  await admin.query(`CREATE DATABASE ${golden}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${golden}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  await db.close();
  project.provide('goldenPostgres', golden);
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${golden}\\_t\\_%`],
    );
    for (const { datname } of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${golden} WITH (FORCE)`);
    await admin.end();
  };
}
