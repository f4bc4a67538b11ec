import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { completeSetup } from '../src/features/keys/index.ts';

/** A fresh, set-up database for one benchmark round, and the environment its server needs. */
export type BenchTarget = { env: Record<string, string>; drop(): Promise<void> };

const ADMIN = { email: 'bench@clinic.test', password: 'bench password, long enough' };

/**
 * Embedded: a new DATA_DIR. PostgreSQL: a new database on the server at `adminUrl`. Either way
 * migrated and set up, as an installed clinic's is.
 */
export async function freshTarget(kind: 'pglite' | 'postgres', adminUrl: string): Promise<BenchTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-bench-'));
  const name = `clinic_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (kind === 'postgres') await admin(adminUrl, `CREATE DATABASE ${name}`);
  const db = await openDatabase(kind === 'postgres' ? { url: url.toString() } : { dataDir });
  try {
    await migrate(db);
    await completeSetup(db, { ...ADMIN, now: new Date() });
  } finally {
    await db.close();
  }
  return {
    env: { DATA_DIR: dataDir, ...(kind === 'postgres' ? { DATABASE_URL: url.toString() } : {}) },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgres') await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
