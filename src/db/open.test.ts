import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StartUpError } from '../lib/start-up-error.ts';
import { DatabaseNewerError, readMigrations } from './migrate.ts';
import { openMigratedDatabase } from './open.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'clinic-open-'));
const target = { databaseUrl: undefined, dataDir };
const lockFile = join(dataDir, 'clinic.lock');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Another process holding DATA_DIR is tested with real processes in tests/e2e/server-process.db.test.ts.
describe('opening the embedded database, as the server and every command do', () => {
  it('takes DATA_DIR, brings a new database to the newest schema, and gives DATA_DIR back on close', async () => {
    const first = await openMigratedDatabase(target);
    // From the build's migrated template or by running every migration: the same schema.
    const recorded = await first.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    expect(existsSync(lockFile)).toBe(true);
    await first.close();
    expect(existsSync(lockFile)).toBe(false);

    const again = await openMigratedDatabase(target);
    expect(again.applied).toEqual([]);
    await again.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_from_the_future')",
    );
    await again.close();
  });

  it('refuses a database from newer code as a start-up problem, and leaves no lock behind', async () => {
    const refusal = await openMigratedDatabase(target).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DatabaseNewerError);
    expect(refusal).toBeInstanceOf(StartUpError);
    expect(existsSync(lockFile)).toBe(false);
  });
});
