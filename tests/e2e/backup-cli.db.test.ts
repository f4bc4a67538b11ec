import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { recordAudit } from '../../src/features/audit/index.ts';
import { BACKED_UP_TABLES } from '../../src/features/backup/index.ts';
import { storeRequest } from '../../src/features/requests/index.ts';
import { getClinicPublicKey } from '../../src/features/keys/index.ts';
import { runCli, type CliResult } from '../setup/cli-process.ts';
import { setUpClinic } from '../setup/keys.ts';
import { buildRequestFields, newMarker } from '../setup/patient.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

// `clinic backup` and `clinic restore` as a person runs them: child processes. The backup is
// taken from the project's database (embedded, or PostgreSQL) and restored into a new embedded
// DATA_DIR, so the PostgreSQL run also moves a clinic from PostgreSQL to the embedded database.
const embedded = process.env.TEST_DB !== 'postgres';
const workDir = mkdtempSync(join(tmpdir(), 'clinic-backup-cli-'));
const sourceDir = join(workDir, 'source');
mkdirSync(sourceDir);
const marker = newMarker();
const file = join(workDir, 'clinic.ndjson.gz');
const usageSentence =
  'The backup holds sealed requests and wrapped keys, no clear patient data; it still needs the same care as the database.';
let pg: TestDatabase | undefined;
let sourceEnv: Record<string, string>;
let recoveryKey: string;
let firstBackup: CliResult;

/** A new, empty embedded DATA_DIR to restore into. */
const targetEnv = (name: string) => ({ DATA_DIR: join(workDir, name) });

beforeAll(async () => {
  pg = embedded ? undefined : await openTestDatabase();
  sourceEnv = pg ? { DATA_DIR: sourceDir, DATABASE_URL: pg.url as string } : { DATA_DIR: sourceDir };
  // The embedded database is opened here only while no CLI process holds DATA_DIR.
  const db: Database = pg ?? (await openDatabase({ dataDir: sourceDir }));
  try {
    await migrate(db);
    recoveryKey = (await setUpClinic(db)).recoveryKey;
    const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
    await storeRequest(db, publicKey, buildRequestFields(marker), {
      receivedAt: new Date(),
      locale: 'en',
      sourcePage: null,
      campaign: null,
      idempotencyKey: 'backup-cli',
    });
    const event = { actorId: null, actorEmail: 'a@clinic.test', target: null, address: null, details: {} };
    await recordAudit(db, { ...event, action: 'request.viewed' }, new Date());
    await recordAudit(db, { ...event, action: 'request.exported' }, new Date());
  } finally {
    if (!pg) await db.close();
  }
  firstBackup = await runCli(['backup', '--out', file], sourceEnv);
});
afterAll(async () => {
  await pg?.close();
  rmSync(workDir, { recursive: true, force: true });
});

// Each child process compiles TypeScript and opens a database: slow on a busy machine.
describe('clinic backup and clinic restore as child processes', { timeout: 120_000 }, () => {
  it('backup writes an owner-only file, sealed, and refuses to overwrite it', async () => {
    expect(firstBackup.code, firstBackup.stderr).toBe(0);
    expect(firstBackup.stdout).toMatch(
      new RegExp(
        `^Backup written to .*clinic\\.ndjson\\.gz: \\d+ rows from ${BACKED_UP_TABLES.length} tables`,
      ),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(gunzipSync(readFileSync(file)).toString('utf8')).not.toContain(marker);

    const bytes = readFileSync(file);
    const again = await runCli(['backup', '--out', file], sourceEnv);
    expect(again).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `clinic backup: ${file} already exists: a backup never overwrites a file; choose another name.\n`,
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('restore loads it into an empty database, where the audit trail verifies and the request opens', async () => {
    const target = targetEnv('restored');
    const restore = await runCli(['restore', '--from', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(
      new RegExp(
        `^Restored \\d+ rows from ${BACKED_UP_TABLES.length} tables \\(backup of \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );

    const verify = await runCli(['audit', 'verify'], target);
    expect(verify.code, verify.stderr).toBe(0);
    // Set-up's entries and the two recorded above, then the restore's own.
    expect(verify.stdout).toMatch(/^Audit trail intact: \d+ entries verified\.\n$/);
    const sourceEntries = await runCli(['audit', 'verify'], sourceEnv);
    const count = (result: CliResult) => Number(/(\d+) entries/.exec(result.stdout)?.[1]);
    expect(count(verify)).toBe(count(sourceEntries) + 1);

    const exported = await runCli(['export', '--recovery-key'], target, `${recoveryKey}\n`);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`José${marker}`);

    // A second restore finds data there and changes nothing.
    const twice = await runCli(['restore', '--from', file], target);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(
      /^clinic restore: The database already holds data \(in staff, .*\): restore only into a new, empty database/,
    );
    expect(count(await runCli(['audit', 'verify'], target))).toBe(count(verify));
  });

  it('restore refuses a file that is not a backup, or a newer one, in one sentence', async () => {
    const text = join(workDir, 'notes.txt');
    writeFileSync(text, 'not a backup\n');
    const notBackup = await runCli(['restore', '--from', text], targetEnv('not-a-backup'));
    expect(notBackup).toMatchObject({
      code: 1,
      stderr: `clinic restore: ${text} is not a Clinic Site backup (it is not a gzip file).\n`,
    });

    const missing = join(workDir, 'missing.ndjson.gz');
    const none = await runCli(['restore', '--from', missing], targetEnv('missing'));
    expect(none).toMatchObject({ code: 1, stderr: `clinic restore: There is no file at ${missing}.\n` });
    // Refused before the database was opened: no empty embedded database was made.
    expect(existsSync(join(workDir, 'missing', 'pgdata'))).toBe(false);

    const [head = '', ...rows] = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(head) as { schemaVersion: number };
    const newerFile = join(workDir, 'newer.ndjson.gz');
    writeFileSync(
      newerFile,
      gzipSync([JSON.stringify({ ...header, schemaVersion: header.schemaVersion + 1 }), ...rows].join('\n')),
    );
    const newer = await runCli(['restore', '--from', newerFile], targetEnv('newer'));
    expect(newer.code).toBe(1);
    expect(newer.stderr).toBe(
      `clinic restore: This backup was made by a newer Clinic Site (schema version ${header.schemaVersion + 1}; this one has ${header.schemaVersion}): upgrade Clinic Site first, then restore.\n`,
    );
  });

  it('explains its usage: unknown options exit 2, --help says what the backup holds', async () => {
    const unknown = await runCli(['restore', '--form', file], targetEnv('unknown-option'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`clinic restore: Unknown option "--form".`);
    expect(unknown.stderr).toContain('Usage: npm run clinic -- restore --from FILE');
    expect(unknown.stderr).toContain(usageSentence);

    const noFile = await runCli(['backup'], sourceEnv);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('clinic backup: Say which file: --out FILE.');

    const help = await runCli(['backup', '--help'], sourceEnv);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run clinic -- backup --out FILE');
    expect(help.stdout).toContain(usageSentence);
  });
});
