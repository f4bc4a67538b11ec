import { z } from 'zod';
import { BACKED_UP_TABLES, backedUpTable } from './tables.ts';

/**
 * The backup file: gzip'd NDJSON. The first line is the header; each further line is one row,
 * `{"t":"<table>","r":<row as PostgreSQL's row_to_json wrote it>}`, tables in restore order.
 * Rows travel as PostgreSQL's own JSON text and are never re-encoded in JavaScript, so every
 * value (bigints included) comes back exactly; bytea is its '\x…' hex text.
 */

export const BACKUP_FORMAT = 'clinic-site-backup';
export const BACKUP_FORMAT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
});

export type BackupHeader = z.infer<typeof headerSchema>;

/** A backup or restore refused for a reason a person can act on; the message is one sentence for them. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export function headerLine(header: BackupHeader): string {
  return `${JSON.stringify(header)}\n`;
}

const rowPrefix = (table: string) => `{"t":${JSON.stringify(table)},"r":`;

/** One row line around PostgreSQL's JSON text of the row. */
export function rowLine(table: string, rowJson: string): string {
  return `${rowPrefix(table)}${rowJson}}\n`;
}

/** Reads the header line; refuses anything that is not a backup this code can read. */
export function parseHeader(line: string | undefined, file: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = undefined;
  }
  const format = (value as { format?: unknown } | undefined)?.format;
  const version = (value as { version?: unknown } | undefined)?.version;
  if (format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Clinic Site backup.`);
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `${file} is a backup of format ${version}, which this Clinic Site cannot read: upgrade Clinic Site first.`,
    );
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success || parsed.data.version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`${file} is a damaged Clinic Site backup: its header is not valid.`);
  }
  return parsed.data;
}

/**
 * Splits a row line into its table name and the row's JSON text (kept as written). Throws when
 * the line is not one this format writes.
 */
export function parseRowLine(
  line: string,
  lineNumber: number,
  file: string,
): { table: string; rowJson: string } {
  const damaged = () => new BackupError(`${file} is damaged: line ${lineNumber} is not a backup row.`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw damaged();
  }
  const { t, r } = (value ?? {}) as { t?: unknown; r?: unknown };
  if (typeof t !== 'string' || typeof r !== 'object' || r === null || Array.isArray(r)) throw damaged();
  const prefix = rowPrefix(t);
  if (!line.startsWith(prefix) || !line.endsWith('}')) throw damaged();
  return { table: t, rowJson: line.slice(prefix.length, -1) };
}

/** Refuses a backup from another schema: its rows would not fit this code's tables. */
export function checkSchemaVersion(backupVersion: number, databaseVersion: number): void {
  if (backupVersion > databaseVersion) {
    throw new BackupError(
      `This backup was made by a newer Clinic Site (schema version ${backupVersion}; this one has ${databaseVersion}): upgrade Clinic Site first, then restore.`,
    );
  }
  if (backupVersion < databaseVersion) {
    throw new BackupError(
      `This backup has schema version ${backupVersion} and this Clinic Site has ${databaseVersion}: restore it with the Clinic Site release that made it, which a newer release then upgrades when it starts.`,
    );
  }
}

/**
 * The tables the header lists, checked against the ones this code restores: a file never
 * chooses which table is written to, and parents come before the tables that point to them.
 * @returns the table names, in the file's (restore) order
 */
export function checkHeaderTables(header: BackupHeader, file: string): string[] {
  const names = header.tables.map((table) => table.name);
  const unknown = names.find((name) => !backedUpTable(name));
  if (unknown !== undefined) {
    throw new BackupError(`${file} holds a table this Clinic Site does not restore ("${unknown}").`);
  }
  const positions = names.map((name) => BACKED_UP_TABLES.findIndex((table) => table.name === name));
  if (positions.some((position, i) => i > 0 && position <= (positions[i - 1] ?? -1))) {
    throw new BackupError(`${file} is a damaged Clinic Site backup: its tables are out of order.`);
  }
  return names;
}
