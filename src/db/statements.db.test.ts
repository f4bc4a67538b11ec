import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countCallsByText,
  findStatements,
  sourceFiles,
  type Statement,
} from '../../tests/setup/sql-statements.ts';
import { openTestDatabase, type TestDatabase } from '../../tests/setup/test-db.ts';

/**
 * The check that stands in for a typed query builder (docs/decisions/0004-database-access-style.md):
 * every SQL statement written in src/ is prepared against the migrated database, so one naming a
 * column or table that does not exist fails `npm test` before it reaches production.
 */

const SRC = new URL('..', import.meta.url).pathname;

/**
 * Statements built at run time, each with why and what tests it instead. The test fails when one
 * appears that is not listed here (make it static, or list it) or when one listed is gone.
 */
const DYNAMIC: Record<string, string> = {
  // The two drivers pass on whatever a caller wrote: checked here where the caller wrote it.
  'db/client.ts: script': 'a caller’s script (the migrator: its files are applied by every test database)',
  'db/client.ts: text': 'a caller’s statement, checked where it is written',
  'db/migrate.ts: migration.sql': 'the migration files, applied by the global setup of every database test',
  // The rollup's statements are constants in arrays, run in order: rollup.db.test.ts runs each.
  'features/analytics/queries/rollup.ts: step': 'rollup.db.test.ts runs every step on both engines',
  // Backup and restore work table by table over backup/tables.ts, which tables.db.test.ts keeps
  // equal to the schema's tables; backup.db.test.ts round-trips every table on both engines.
  'features/backup/queries.ts: `SELECT count(*)::int AS rows FROM ${rowsOf(table)}`': 'backup.db.test.ts',
  "features/backup/queries.ts: `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${rowsOf(table)} ORDER BY ${key.map(quote).join(', ')}`":
    'backup.db.test.ts',
  'features/backup/queries.ts: `FETCH FORWARD ${batchSize} FROM backup_rows`': 'backup.db.test.ts',
  'features/backup/queries.ts: `SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS has_rows`':
    'backup.db.test.ts',
  'features/backup/queries.ts: `INSERT INTO ${quote(table)} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::${quote(table)}, $1::json)`':
    'backup.db.test.ts',
  'features/backup/queries.ts: `SELECT setval(pg_get_serial_sequence($1, $2), max(${quote(column)})) FROM ${quote(table)}`':
    'backup.db.test.ts',
  // A request and its staff notices in one statement; the notices' part is the notify feature's
  // (the one rule of who is told): member-notices.db.test.ts and routes.db.test.ts run it on both engines.
  'features/requests/queries.ts: `WITH stored AS ( INSERT INTO requests (id, reference, received_at, locale, source_page, campaign, idempotency_key, sealed, landing_page, utm_source, utm_medium, utm_term, utm_content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text AS id, reference, locale, received_at ), ${NEW_REQUEST_NOTICES} SELECT reference FROM stored`':
    'member-notices.db.test.ts, routes.db.test.ts',
  // An accepted form post counted and stored in one statement, with the same notices.
  'features/intake/traffic.ts: `WITH ${COUNT}, stored AS ( INSERT INTO requests (id, reference, received_at, locale, source_page, campaign, idempotency_key, sealed, landing_page, utm_source, utm_medium, utm_term, utm_content) SELECT $8::uuid, $9::text, $10::timestamptz, $11::text, $12::text, $13::text, $14::text, $15::bytea, $16::text, $17::text, $18::text, $19::text, $20::text FROM counts WHERE counts.earlier IS NULL AND counts.address <= $21::int AND ($22::boolean OR (counts.posts + counts.previous < $23::int AND counts.failures < $24::int)) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text AS id, reference, locale, received_at ), ${NEW_REQUEST_NOTICES} SELECT counts.*, (SELECT reference FROM stored) AS stored FROM counts`':
    'traffic.db.test.ts, routes.db.test.ts',
};

/** Static statements that only run inside another's context, and the test that runs them there. */
const IN_CONTEXT: Record<string, string> = {
  'CLOSE backup_rows': 'closes the cursor the backup DECLAREs just before: backup.db.test.ts',
};

/** Statements PREPARE cannot take (it takes SELECT, INSERT, UPDATE, DELETE, VALUES, MERGE). */
const NOT_PREPARABLE =
  /^\s*(CREATE|ALTER|DROP|DECLARE|FETCH|CLOSE|BEGIN|COMMIT|ROLLBACK|LOCK|SET|TRUNCATE)\b/i;

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

/** PREPAREs one statement in its own transaction (rolled back); the database's error, or null. */
async function prepareError(statement: Statement, n: number): Promise<string | null> {
  try {
    await db.rawTransaction(async (sql) => {
      if (NOT_PREPARABLE.test(statement.sql)) await sql.exec(statement.sql);
      else await sql.exec(`PREPARE statement_check_${n} AS ${statement.sql}`);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return null;
    return (error as Error).message;
  }
  return null;
}
class Rollback extends Error {}

const key = (call: { file: string; argument: string }) =>
  `${call.file}: ${call.argument.replace(/\s+/g, ' ')}`;

describe('every SQL statement in src/', () => {
  const files = sourceFiles(SRC);
  const found = findStatements(SRC, files);

  it('is found: every .query( and .exec( call is seen, and only the listed ones are built at run time', () => {
    expect(found.calls).toBe(countCallsByText(files));
    expect(found.statements.length).toBeGreaterThanOrEqual(131);
    expect([...new Set(found.dynamic.map(key))].sort()).toEqual(Object.keys(DYNAMIC).sort());
    const inContext = found.statements.filter((s) => s.sql in IN_CONTEXT).map((s) => s.sql);
    expect([...new Set(inContext)].sort()).toEqual(Object.keys(IN_CONTEXT).sort());
  });

  it('prepares against the migrated database (names only columns and tables that exist)', async () => {
    const failures: string[] = [];
    for (const [n, statement] of found.statements.entries()) {
      if (statement.sql in IN_CONTEXT) continue;
      const error = await prepareError(statement, n);
      if (error) failures.push(`${statement.file}:${statement.line}: ${error}`);
    }
    expect(failures).toEqual([]);
  });

  it('fails a statement naming a column or a table that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statements-'));
    try {
      writeFileSync(
        join(dir, 'wrong.ts'),
        [
          "const WHERE = 'status = $1';",
          'export const a = (db: any) => db.query(`SELECT no_such_column FROM requests WHERE ${WHERE}`);',
          "export const b = (db: any) => db.query('SELECT 1 FROM no_such_table');",
          "export const c = (db: any) => db.query('SELECT reference FROM requests WHERE id = $1');",
        ].join('\n'),
      );
      const wrong = findStatements(dir);
      expect(wrong.statements).toHaveLength(3);
      const errors = await Promise.all(wrong.statements.map((s, i) => prepareError(s, 10_000 + i)));
      expect(errors[0]).toMatch(/no_such_column/);
      expect(errors[1]).toMatch(/no_such_table/);
      expect(errors[2]).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
