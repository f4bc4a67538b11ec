import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../tests/setup/test-db.ts';
import { DatabaseNewerError, migrate, readMigrations } from './migrate.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

describe('migrate', () => {
  it('records every committed migration once and applies nothing the second time', async () => {
    const rows = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  it('rolls back a migration that fails part-way, leaving nothing of it behind', async () => {
    const broken = {
      version: 9001,
      name: '9001_broken',
      sql: 'CREATE TABLE half_done (id int); SELECT no_such_column FROM half_done;',
    };
    await expect(migrate(db, [...readMigrations(), broken])).rejects.toThrow(/no_such_column/);
    const tables = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables).toHaveLength(0);
    expect(await db.query('SELECT 1 FROM schema_migrations WHERE version = 9001')).toHaveLength(0);
  });

  it('refuses a database migrated by newer code', async () => {
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_from_the_future')");
    try {
      await expect(migrate(db)).rejects.toThrow(DatabaseNewerError);
      await expect(migrate(db)).rejects.toThrow(/migration 9999.*newer version/);
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 9999');
    }
  });
});
