import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

/** A fresh, migrated database for a benchmark: a new DATA_DIR, or a new PostgreSQL database. */
export type AnalyticsTarget = {
  kind: 'pglite' | 'postgres';
  /** What a server process needs to use it. */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
};

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freshAnalyticsTarget(kind: 'pglite' | 'postgres'): Promise<AnalyticsTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-analytics-bench-'));
  const name = `clinic_analytics_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (kind === 'postgres') await admin(`CREATE DATABASE ${name}`);
  const open = () => openDatabase(kind === 'postgres' ? { url: url.toString() } : { dataDir });
  const db = await open();
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return {
    kind,
    env: { DATA_DIR: dataDir, ...(kind === 'postgres' ? { DATABASE_URL: url.toString() } : {}) },
    open,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgres') await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs one statement on the PostgreSQL server as BENCH_DATABASE_URL's user (CREATE / DROP DATABASE). */
export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
