import type { Database } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import { backupFileLines } from './backup-file.ts';
import {
  BackupError,
  checkHeaderTables,
  checkSchemaVersion,
  parseHeader,
  parseRowLine,
  type BackupHeader,
} from './format.ts';
import { insertRows, resetSequences, schemaVersion, tablesWithRows } from './queries.ts';
import { BACKED_UP_TABLES } from './tables.ts';

/** Rows sent to the database per INSERT. */
const CHUNK_ROWS = 500;

/**
 * Reads and checks only the header of a backup file: a quick refusal of a wrong file before
 * the database is opened.
 */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = backupFileLines(file);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value, file);
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Loads a backup into an empty, migrated database of the same schema version, in one
 * transaction: on any problem (a damaged file, a database that already holds data) nothing is
 * written. Identity sequences then continue after the restored ids, and the restore itself is
 * appended to the audit trail, chained after the restored entries.
 * @example const header = await restoreBackup(db, 'clinic.ndjson.gz');
 */
export function restoreBackup(db: Database, file: string, now = new Date()): Promise<BackupHeader> {
  return db.rawTransaction(async (sql) => {
    const lines = backupFileLines(file);
    try {
      const first = await lines.next();
      const header = parseHeader(first.done ? undefined : first.value, file);
      checkSchemaVersion(header.schemaVersion, await schemaVersion(sql));
      const tables = checkHeaderTables(header, file);

      const occupied = await tablesWithRows(sql, BACKED_UP_TABLES);
      if (occupied.length > 0) {
        throw new BackupError(
          `The database already holds data (in ${occupied.join(', ')}): restore only into a new, empty database (a new DATA_DIR or a new PostgreSQL database), so two clinics' data never mix.`,
        );
      }

      const loaded = new Map<string, number>();
      let position = 0; // the index in `tables` of the table being loaded
      let chunk: string[] = [];
      const flush = async () => {
        const table = tables[position] as string;
        // A row the database refuses (a damaged or edited file) stops the restore with its reason.
        await insertRows(sql, table, chunk).catch((error: unknown) => {
          throw new BackupError(
            `${file} could not be loaded: the database refused rows of ${table} (${(error as Error).message}); nothing was restored.`,
          );
        });
        loaded.set(table, (loaded.get(table) ?? 0) + chunk.length);
        chunk = [];
      };
      let lineNumber = 1;
      for await (const line of lines) {
        lineNumber += 1;
        const row = parseRowLine(line, lineNumber, file);
        const index = tables.indexOf(row.table, position);
        if (index < 0) {
          throw new BackupError(`${file} is damaged: line ${lineNumber} holds a row of an unexpected table.`);
        }
        if (index !== position) {
          await flush();
          position = index;
        }
        chunk.push(row.rowJson);
        if (chunk.length === CHUNK_ROWS) await flush();
      }
      if (tables.length > 0) await flush();

      for (const { name, rows } of header.tables) {
        const found = loaded.get(name) ?? 0;
        if (found !== rows) {
          throw new BackupError(
            `${file} is incomplete: it holds ${found} row(s) of ${name} where its header lists ${rows}.`,
          );
        }
      }
      await resetSequences(sql, tables);
      await appendAudit(
        sql,
        {
          actorId: null,
          actorEmail: null,
          action: 'backup.restored',
          target: null,
          address: null,
          details: {
            trigger: 'command-line',
            backupCreatedAt: header.createdAt,
            rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
          },
        },
        now,
      );
      return header;
    } finally {
      await lines.return(undefined);
    }
  });
}
