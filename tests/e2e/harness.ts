import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { setUpClinic, type TestClinic } from '../setup/keys.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

/**
 * Where a real server process keeps its data in an end-to-end test: a fresh DATA_DIR for the
 * embedded database (TEST_DB=pglite), or a fresh PostgreSQL database (TEST_DB=postgres), with
 * set-up already complete, as an installed clinic's would be.
 */
export type E2eTarget = {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  /** What the server and CLI processes need: DATA_DIR, and DATABASE_URL on PostgreSQL. */
  env: Record<string, string>;
  /** The PostgreSQL URL, for pg_dump. */
  url?: string;
  clinic: TestClinic;
  /** Opens the database in this process; for the embedded one, only while no server runs. */
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
};

export async function prepareTarget(): Promise<E2eTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-'));
  const pg: TestDatabase | undefined =
    process.env.TEST_DB === 'postgres' ? await openTestDatabase() : undefined;
  const withDb = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    if (pg) return fn(pg);
    const db = await openDatabase({ dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const clinic = await withDb(async (db) => {
    await migrate(db);
    return setUpClinic(db);
  });
  return {
    kind: pg ? 'postgres' : 'pglite',
    dataDir,
    env: {
      DATA_DIR: dataDir,
      CLINIC_CONFIG: 'clinic.config.json',
      ...(pg ? { DATABASE_URL: pg.url as string } : {}),
    },
    ...(pg ? { url: pg.url as string } : {}),
    clinic,
    withDb,
    async cleanup() {
      await pg?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once GET /readyz answers 200 (the database is reachable), or throws after `ms`. */
export async function waitForReady(baseUrl: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${baseUrl}/readyz not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
