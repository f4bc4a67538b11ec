import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { BACKED_UP_TABLES, LEFT_OUT_TABLES } from './tables.ts';

// The explicit table lists against the migrated schema: a new table must be classified, and the
// restore order must put every parent before the tables that point to it.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const backedUp = BACKED_UP_TABLES.map((table) => table.name);

describe('the backup table lists', () => {
  it('name every table of the schema exactly once: backed up, or left out with a reason', async () => {
    const rows = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const classified = [...backedUp, ...Object.keys(LEFT_OUT_TABLES)].sort();
    expect(classified).toEqual(rows.map((row) => row.name));
    expect(new Set(classified).size).toBe(classified.length);
  });

  it('put each parent table before the backed-up tables whose foreign keys point to it', async () => {
    const keys = await db.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    expect(keys.length).toBeGreaterThan(5);
    for (const { child, parent } of keys) {
      if (!backedUp.includes(child)) continue;
      // A backed-up row may only point into backed-up tables (key_wraps' invite rows are filtered).
      if (child === 'key_wraps' && parent === 'staff_invites') continue;
      expect(backedUp, `${child} → ${parent}`).toContain(parent);
      expect(backedUp.indexOf(parent), `${parent} must come before ${child}`).toBeLessThan(
        backedUp.indexOf(child),
      );
    }
  });

  it('give every backed-up table a primary key, the order its rows are written in', async () => {
    const rows = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.table_constraints
       WHERE table_schema = 'public' AND constraint_type = 'PRIMARY KEY'`,
    );
    const withKey = rows.map((row) => row.name);
    expect(backedUp.filter((name) => !withKey.includes(name))).toEqual([]);
  });
});
