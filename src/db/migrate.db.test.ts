import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../tests/setup/test-db.ts';
import { openDatabase } from './client.ts';
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

  it('finds a current database current in two statements, without a transaction', async () => {
    const statements: string[] = [];
    const counted: TestDatabase = {
      ...db,
      query(text, params) {
        statements.push(text);
        return db.query(text, params);
      },
      rawTransaction(fn) {
        statements.push('BEGIN');
        return db.rawTransaction(fn);
      },
    };
    expect(await migrate(counted)).toEqual([]);
    expect(statements).toHaveLength(2);
    expect(statements).not.toContain('BEGIN');
  });

  it('applies a migration the database has not had yet, and records it', async () => {
    const added = {
      version: 9002,
      name: '9002_create_added_table',
      sql: 'CREATE TABLE added_table (id int)',
    };
    try {
      expect(await migrate(db, [...readMigrations(), added])).toEqual([9002]);
      expect(await db.query('SELECT 1 FROM schema_migrations WHERE version = 9002')).toHaveLength(1);
      expect(await db.query('SELECT 1 FROM added_table')).toEqual([]);
    } finally {
      await db.query('DROP TABLE IF EXISTS added_table');
      await db.query('DELETE FROM schema_migrations WHERE version = 9002');
    }
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

describe.runIf(process.env.TEST_DB === 'postgres')('migrate on an empty PostgreSQL database', () => {
  const base = process.env.TEST_DATABASE_URL as string;
  async function admin(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  it('five instances starting together all come up, ten rounds on a fresh database each', async () => {
    const migrations = readMigrations();
    for (let round = 0; round < 10; round++) {
      const name = `clinic_race_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      const instances = await Promise.all(
        Array.from({ length: 5 }, () => openDatabase({ url: url.toString() })),
      );
      try {
        const results = await Promise.allSettled(instances.map((instance) => migrate(instance)));
        const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        expect(failures, `round ${round + 1}`).toEqual([]);
        const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
        expect(applied.sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
        const [first] = instances as [TestDatabase];
        const rows = await first.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
  });
});
