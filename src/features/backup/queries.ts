import type { RawSql } from '../../db/client.ts';
import type { BackedUpTable } from './tables.ts';

/**
 * The SQL of backup and restore. Table names come only from BACKED_UP_TABLES and column names
 * only from the catalog, never from a file.
 */

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The highest migration applied to this database. */
export async function schemaVersion(sql: RawSql): Promise<number> {
  const [row] = await sql.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return row?.version ?? 0;
}

/** Every table of the public schema. */
export async function listTables(sql: RawSql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.name);
}

/** The primary-key columns of a table, in key order: rows are written in that order. */
export async function primaryKeyColumns(sql: RawSql, table: string): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT k.column_name AS name
     FROM information_schema.table_constraints c
     JOIN information_schema.key_column_usage k
       ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
     WHERE c.table_schema = 'public' AND c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY'
     ORDER BY k.ordinal_position`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** The rows of a table a backup holds. */
function rowsOf(table: BackedUpTable): string {
  return `${quote(table.name)} t${table.where ? ` WHERE ${table.where}` : ''}`;
}

export async function countRows(sql: RawSql, table: BackedUpTable): Promise<number> {
  const [row] = await sql.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${rowsOf(table)}`);
  return row?.rows ?? 0;
}

/**
 * Each row of a table as PostgreSQL's JSON text, in primary-key order, a batch at a time
 * through a cursor so a large table is never held in memory whole. Runs in the caller's
 * transaction (cursors live in one).
 */
export async function* readRows(
  sql: RawSql,
  table: BackedUpTable,
  batchSize = 1000,
): AsyncGenerator<string[]> {
  const key = await primaryKeyColumns(sql, table.name);
  if (key.length === 0)
    throw new Error(`Table ${table.name} has no primary key: a backup needs one to order rows.`);
  await sql.query(
    `DECLARE backup_rows NO SCROLL CURSOR FOR
     SELECT row_to_json(t)::text AS row FROM ${rowsOf(table)} ORDER BY ${key.map(quote).join(', ')}`,
  );
  try {
    for (;;) {
      const batch = await sql.query<{ row: string }>(`FETCH FORWARD ${batchSize} FROM backup_rows`);
      if (batch.length === 0) return;
      yield batch.map((r) => r.row);
    }
  } finally {
    await sql.query('CLOSE backup_rows');
  }
}

/** The backed-up tables that already hold a row. */
export async function tablesWithRows(sql: RawSql, tables: readonly BackedUpTable[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    const [row] = await sql.query<{ has_rows: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS has_rows`,
    );
    if (row?.has_rows) found.push(table.name);
  }
  return found;
}

/**
 * Inserts rows given as PostgreSQL JSON text, every column as stored. OVERRIDING SYSTEM VALUE
 * keeps the ids of identity columns; json_populate_recordset turns each JSON value back into
 * its column's type ('\x…' into bytea, ISO text into timestamptz).
 */
export async function insertRows(sql: RawSql, table: string, rowsJson: readonly string[]): Promise<void> {
  if (rowsJson.length === 0) return;
  await sql.query(
    `INSERT INTO ${quote(table)} OVERRIDING SYSTEM VALUE
     SELECT * FROM json_populate_recordset(null::${quote(table)}, $1::json)`,
    [`[${rowsJson.join(',')}]`],
  );
}

/**
 * Moves each identity or serial sequence past the restored ids, so the next insert does not
 * collide with a restored row. setval(…, NULL) on an empty table changes nothing.
 */
export async function resetSequences(sql: RawSql, tables: readonly string[]): Promise<void> {
  const columns = await sql.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ANY($1::text[])
       AND (is_identity = 'YES' OR column_default LIKE 'nextval%')`,
    [tables],
  );
  for (const { table_name: table, column_name: column } of columns) {
    await sql.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), max(${quote(column)})) FROM ${quote(table)}`,
      [quote(table), column],
    );
  }
}
