import { join } from 'node:path';
import { openDatabase, type Database } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate, readMigrations } from './migrate.ts';
import { copyTemplate } from './pglite-template.ts';
import { sealClearTotpSecrets } from '../features/keys/totp-seal.ts';
import { dataDirProblem, databaseProblem } from './open-problems.ts';

export type OpenedDatabase = {
  db: Database;
  /** The versions of the migrations this opening applied, oldest first (none when it was current). */
  applied: number[];
  /** Closes the database, then releases DATA_DIR. */
  close(): Promise<void>;
  /** Releases DATA_DIR without waiting for the database (a shutdown that ran out of time). */
  unlock(): void;
};

/**
 * How the server and every CLI command reach the database: with the embedded one, take the
 * DATA_DIR lock first (one process per directory); open it; apply the migrations. Whatever
 * fails on the way is undone, so a failed start leaves no lock and no open connection behind.
 * An unreachable PostgreSQL or an unwritable DATA_DIR is said in terms of the setting to fix.
 * @throws DataDirLockedError, DataDirUnwritableError, DatabaseUnreachableError, DatabaseNewerError
 * (all StartUpErrors) or the driver's error
 */
export async function openMigratedDatabase(
  target: { databaseUrl: string | undefined; dataDir: string },
  onConnectionLost?: (error: Error) => void,
): Promise<OpenedDatabase> {
  const explain = (error: unknown) =>
    (target.databaseUrl
      ? databaseProblem(error, target.databaseUrl)
      : dataDirProblem(error, target.dataDir)) ?? error;
  let unlock: () => void;
  try {
    unlock = target.databaseUrl ? () => undefined : lockDataDir(target.dataDir);
  } catch (error) {
    throw explain(error);
  }
  let db: Database | undefined;
  try {
    // A new embedded database starts as a copy of the build's migrated template, when it fits.
    const migrations = readMigrations();
    if (!target.databaseUrl) copyTemplate(join(target.dataDir, 'pgdata'), migrations);
    db = await openDatabase(
      target.databaseUrl ? { url: target.databaseUrl } : { dataDir: target.dataDir },
      onConnectionLost,
    );
    const applied = await migrate(db, migrations);
    // TOTP secrets an older release kept in clear are sealed before anything serves a request.
    await sealClearTotpSecrets(db);
    const opened = db;
    return {
      db: opened,
      applied,
      async close() {
        try {
          await opened.close();
        } finally {
          unlock();
        }
      },
      unlock,
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    unlock();
    throw explain(error);
  }
}
