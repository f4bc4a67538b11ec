import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../tests/setup/test-db.ts';
import { createLogger } from '../../lib/logger.ts';
import { createBackupJob } from './backup-job.ts';

const db = await openTestDatabase();
afterAll(() => db.close());

describe('the daily backup job', () => {
  it('backs up once a day, keeps the newest BACKUP_KEEP of its files and leaves other files alone', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'clinic-backup-job-')), 'backups');
    let now = new Date('2026-01-28T02:00:00Z');
    const job = createBackupJob({ db, logger: createLogger('silent'), dir, keep: 2, now: () => now });
    expect(await job.runOnce()).toBe(join(dir, 'clinic-2026-01-28T02-00-00Z.ndjson.gz'));
    writeFileSync(join(dir, 'before-upgrade.ndjson.gz'), 'kept by hand');
    now = new Date('2026-01-28T20:00:00Z');
    expect(await job.runOnce()).toBeNull(); // not a day yet
    for (const day of ['29', '30', '31']) {
      now = new Date(`2026-01-${day}T02:00:00Z`);
      expect(await job.runOnce()).not.toBeNull();
    }
    expect(readdirSync(dir).sort()).toEqual([
      'before-upgrade.ndjson.gz',
      'clinic-2026-01-30T02-00-00Z.ndjson.gz',
      'clinic-2026-01-31T02-00-00Z.ndjson.gz',
    ]);
  });
});
