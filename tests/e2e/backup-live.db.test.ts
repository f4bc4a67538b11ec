import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../setup/cli-process.ts';
import { insertTestRequest, type StoredTestRequest } from '../setup/inbox-fixtures.ts';
import { startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { prepareTarget, type E2eTarget } from './harness.ts';

// Backups without downtime: the running server's daily backup into BACKUP_DIR, the restore drill
// of docs/deploy.md on the newest of them, and `clinic backup` while the server holds DATA_DIR.
const embedded = process.env.TEST_DB !== 'postgres';
let target: E2eTarget;
let request: StoredTestRequest;
let server: ServerProcess;
let backupDir: string;

beforeAll(async () => {
  target = await prepareTarget();
  request = await target.withDb((db) => insertTestRequest(db));
  backupDir = join(mkdtempSync(join(tmpdir(), 'clinic-backups-')), 'daily');
  server = await startServerProcess({ ...target.env, BACKUP_DIR: backupDir, BACKUP_KEEP: '2' });
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await target?.cleanup();
});

async function automaticBackups(): Promise<string[]> {
  // The job's first look comes 30 s after start.
  for (let i = 0; i < 900; i++) {
    const done =
      existsSync(backupDir) && readdirSync(backupDir).filter((name) => name.endsWith('.ndjson.gz'));
    if (done && done.length > 0) return done.sort();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no automatic backup in ${backupDir}:\n${server.output()}`);
}

describe('backups while the server serves', { timeout: 120_000 }, () => {
  it('the server writes a daily backup into BACKUP_DIR, owner-only, and logs it', async () => {
    const [file] = await automaticBackups();
    expect(file).toMatch(/^clinic-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.ndjson\.gz$/);
    expect(statSync(join(backupDir, file as string)).mode & 0o777).toBe(0o600);
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    expect(server.output()).toContain('"msg":"backup written"');
  });

  it('restore drill: the newest automatic backup, restored into a new database, opens the request with the recovery key', async () => {
    const newest = (await automaticBackups()).at(-1) as string;
    const fresh = { DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-restored-')) };
    const restored = await runCli(['restore', '--from', join(backupDir, newest)], fresh);
    expect(restored.code, restored.stderr).toBe(0);
    const exported = await runCli(['export', '--recovery-key'], fresh, `${target.clinic.recoveryKey}\n`);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(request.reference);
    expect(exported.stdout).toContain(request.marker);
  });

  it.runIf(embedded)(
    'clinic backup asks the server that holds the embedded database, over an owner-only socket',
    async () => {
      const socket = join(target.dataDir, 'clinic.sock');
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      const file = join(mkdtempSync(join(tmpdir(), 'clinic-on-request-')), 'now.ndjson.gz');
      const asked = await runCli(['backup', '--out', file], target.env);
      expect(asked.code, asked.stderr).toBe(0);
      expect(asked.stdout).toMatch(/^Backup written to .*now\.ndjson\.gz: \d+ rows from \d+ tables/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // The server kept serving meanwhile.
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    },
  );
});
