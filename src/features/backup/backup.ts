import type { Database } from '../../db/client.ts';
import { backupLines, writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, type BackupHeader } from './format.ts';
import { countRows, listTables, schemaVersion } from './queries.ts';
import { BACKED_UP_TABLES, unclassifiedTables } from './tables.ts';

/**
 * Writes a backup of the clinic's data to `file` (which must not exist yet) from one consistent
 * snapshot, so it may run while a PostgreSQL server serves. The rows are copied as stored:
 * requests and notes stay sealed, private-key copies stay wrapped.
 * @returns the header written: schema version and rows per table
 * @example const { tables } = await createBackup(db, '/backups/clinic-2026-01-31.ndjson.gz');
 */
export function createBackup(db: Database, file: string, now = new Date()): Promise<BackupHeader> {
  return writeBackupFile(file, (save) =>
    db.rawTransaction(async (sql) => {
      // One snapshot for every table (the first statement of the transaction), read-only.
      await sql.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      // Fixed output formats: the same data gives the same file on PGlite and PostgreSQL.
      await sql.query("SET LOCAL TimeZone = 'UTC'");
      await sql.query("SET LOCAL bytea_output = 'hex'");
      const unknown = unclassifiedTables(await listTables(sql));
      if (unknown.length > 0) {
        throw new BackupError(
          `The database holds tables this Clinic Site does not know (${unknown.join(', ')}); a backup would leave them out, so none was made.`,
        );
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        schemaVersion: await schemaVersion(sql),
        createdAt: now.toISOString(),
        tables: [],
      };
      for (const table of BACKED_UP_TABLES) {
        header.tables.push({ name: table.name, rows: await countRows(sql, table) });
      }
      await save(backupLines(sql, header));
      return header;
    }),
  );
}
