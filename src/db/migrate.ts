import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';
import { StartUpError } from '../lib/start-up-error.ts';

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;

export type Migration = { version: number; name: string; sql: string };

export class DatabaseNewerError extends StartUpError {
  override name = 'DatabaseNewerError';
}

/** Reads `NNNN_verb_noun.sql` files in order; the number is the version. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Applies each pending migration once, each in its own transaction together with its
 * bookkeeping row. An advisory lock, taken first in each transaction, keeps several starting
 * instances from racing (even on an empty database).
 * Refuses a database that has migrations this code does not know (it is newer than the code).
 * @returns the versions applied now
 */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  const applied: number[] = [];
  const known = new Set(migrations.map((m) => m.version));
  // Most starts find the database current: two statements say so, instead of a transaction per
  // migration. Anything else (a new or an older database) takes the locked path below.
  const recorded = await recordedVersions(db);
  if (recorded) {
    refuseNewer(recorded, known);
    if (migrations.every((m) => recorded.includes(m.version))) return applied;
  }
  for (const migration of migrations) {
    const ran = await db.rawTransaction(async (sql) => {
      // The lock comes before everything, the bookkeeping table's creation included: two
      // instances creating it at once on an empty database collide in PostgreSQL's catalog.
      await sql.query(`SELECT pg_advisory_xact_lock(7245170)`);
      await sql.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
      refuseNewer(
        rows.map((r) => r.version),
        known,
      );
      if (rows.some((r) => r.version === migration.version)) return false;
      await sql.exec(migration.sql);
      await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** The versions recorded as applied, or undefined when the bookkeeping table does not exist yet. */
async function recordedVersions(db: Database): Promise<number[] | undefined> {
  const [table] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return undefined;
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  return rows.map((r) => r.version);
}

/** @throws DatabaseNewerError when the database has a migration this code does not know */
function refuseNewer(recorded: number[], known: Set<number>): void {
  const unknown = recorded.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new DatabaseNewerError(
      `The database has migration ${Math.max(...unknown)}, which this code does not know: ` +
        'it was migrated by a newer version of Clinic Site. Run that version, or restore a backup.',
    );
  }
}
