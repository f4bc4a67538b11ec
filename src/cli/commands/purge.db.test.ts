import { runCommand } from '../../../tests/setup/command-io.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../features/audit/index.ts';
import { changeStatus } from '../../features/requests/index.ts';
import { createPurgeJob } from '../../features/inbox/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { insertTestRequest, insertTestStaff } from '../../../tests/setup/inbox-fixtures.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { purgeCommand } from './purge.ts';

let db: TestDatabase;
let clinic: TestClinic;
let configPath: string;

beforeAll(async () => {
  db = await openTestDatabase();
  clinic = await setUpClinic(db);
  // The example clinic, with a 30-day retention period.
  const config = JSON.parse(readFileSync('clinic.config.json', 'utf8')) as Record<string, unknown>;
  configPath = join(mkdtempSync(join(tmpdir(), 'clinic-purge-')), 'clinic.config.json');
  writeFileSync(configPath, JSON.stringify({ ...config, retentionDays: 30 }));
});
afterAll(() => db.close());

const run = (command: Command, args: string[], stdin = '') =>
  runCommand(command, db, args, { stdin, env: { CLINIC_CONFIG: configPath } });

/** A request closed `days` days ago (by the real clock: the command uses it). */
async function closedDaysAgo(days: number) {
  const at = new Date(Date.now() - days * 86_400_000);
  const request = await insertTestRequest(db, { receivedAt: new Date(at.getTime() - 86_400_000) });
  const actor = { staffId: clinic.adminId, email: clinic.email, address: null };
  await changeStatus(db, { requestId: request.id, from: 'new', to: 'closed', actor, now: at });
  return request;
}

describe('clinic purge', () => {
  it('counts with --dry-run, then purges only requests closed longer than the configured period', async () => {
    await insertTestStaff(db, 'coord@clinic.test');
    const old = await closedDaysAgo(45);
    const recent = await closedDaysAgo(5);
    expect(await run(purgeCommand, ['--dry-run'])).toMatchObject({
      code: 0,
      stdout: '1 request(s) closed more than 30 days ago are due for purging.\n',
    });
    expect(await listAudit(db, { action: 'request.purged' })).toHaveLength(0);

    expect(await run(purgeCommand, [])).toMatchObject({
      code: 0,
      stdout: 'Purged 1 request(s) closed more than 30 days ago.\n',
    });
    const [entry] = await listAudit(db, { action: 'request.purged' });
    expect(entry).toMatchObject({ target: `request:${old.id}`, details: { trigger: 'command-line' } });
    expect(await verifyAudit(db)).toMatchObject({ ok: true });

    // The recovery-key export still works, and leaves the purged request out.
    const exported = await run(exportCommand, ['--recovery-key'], `${clinic.recoveryKey}\n`);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(recent.reference);
    expect(exported.stdout).not.toContain(old.reference);
  });

  it('refuses an unknown option', async () => {
    expect(await run(purgeCommand, ['--days', '3'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--days'),
    });
  });
});

describe('the daily purge job', () => {
  it('purges what is due when it runs, and logs only a count', async () => {
    const old = await closedDaysAgo(60);
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const job = createPurgeJob({ db, logger, retentionDays: 30 });
    expect(await job.runOnce()).toBe(1);
    await job.stop();
    expect(await listAudit(db, { target: `request:${old.id}` })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'request.purged',
          details: expect.objectContaining({ trigger: 'daily-job' }),
        }),
      ]),
    );
    expect(lines.join('')).toContain('"purged":1');
    expect(lines.join('')).not.toContain(old.id);
  });
});
