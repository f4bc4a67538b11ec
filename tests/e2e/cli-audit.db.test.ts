import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { recordAudit } from '../../src/features/audit/index.ts';
import { runCli } from '../setup/cli-process.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

// `npm run clinic -- audit verify` as a person runs it, against the embedded database or PostgreSQL.
const embedded = process.env.TEST_DB !== 'postgres';
let pg: TestDatabase | undefined;
let env: Record<string, string>;

/** Opens the same database the CLI uses (the embedded one only while no CLI holds its lock). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (pg) return fn(pg);
  const db = await openDatabase({ dataDir: env.DATA_DIR as string });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-cli-'));
  if (embedded) env = { DATA_DIR: dataDir };
  else {
    pg = await openTestDatabase();
    env = { DATA_DIR: dataDir, DATABASE_URL: pg.url as string };
  }
});
afterAll(() => pg?.close());

describe('clinic audit verify', () => {
  it('passes on an intact trail and fails, naming the entry, after one is altered', async () => {
    expect(await runCli(['audit', 'verify'], env)).toMatchObject({
      code: 0,
      stdout: 'Audit trail intact: 0 entries verified.\n',
    });
    await withDb(async (db) => {
      for (const action of ['signin.succeeded', 'request.viewed', 'request.status_changed']) {
        await recordAudit(
          db,
          {
            actorId: null,
            actorEmail: 'a@clinic.test',
            action,
            target: 'request:1',
            address: null,
            details: {},
          },
          new Date(),
        );
      }
    });
    expect(await runCli(['audit', 'verify'], env)).toMatchObject({
      code: 0,
      stdout: 'Audit trail intact: 3 entries verified.\n',
    });
    await withDb(async (db) => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await db.query("UPDATE audit_log SET action = 'request.exported' WHERE id = 2");
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      'Audit trail BROKEN at entry 2: its content was changed after it was written',
    );
  });

  it('explains its usage when the subcommand is missing', async () => {
    const result = await runCli(['audit'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run clinic -- audit verify');
  });
});
