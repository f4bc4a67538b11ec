import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { periodicJob, type PeriodicJob } from '../../lib/periodic-job.ts';
import { createBackup } from './backup.ts';
import { backupFileName, backupsToDelete, isBackupDue } from './schedule.ts';

export type BackupJobOptions = {
  db: Database;
  logger: Logger;
  /** BACKUP_DIR: where the automatic backups go (created owner-only). */
  dir: string;
  /** BACKUP_KEEP: how many of them to keep, newest first. */
  keep: number;
  now?: () => Date;
  /** How often it looks whether a backup is due: hourly. */
  checkEveryMs?: number;
  /** The first look comes this long after start (30 s), out of the way of start-up and its first visitors. */
  firstCheckMs?: number;
};

/** runOnce makes a backup if one is due and resolves to its file, or null when none was due. */
export type BackupJob = PeriodicJob<string | null>;

/**
 * The daily backup started by src/server.ts: while the server serves, a backup from one
 * consistent snapshot into BACKUP_DIR whenever the newest there is a day old (so a restart never
 * adds one), then all but the newest BACKUP_KEEP of its own files are deleted. Logs file names
 * and counts only.
 * @example const job = createBackupJob({ db, logger, dir: env.backupDir, keep: env.backupKeep }); job.start();
 */
export function createBackupJob(options: BackupJobOptions): BackupJob {
  const { db, logger, dir, keep, now = () => new Date() } = options;
  const { checkEveryMs = 3_600_000, firstCheckMs = 30_000 } = options;
  const backUp = async (): Promise<string | null> => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const at = now();
    if (!isBackupDue(readdirSync(dir), at)) return null;
    const file = join(dir, backupFileName(at));
    const header = await createBackup(db, file, at);
    const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
    const deleted = backupsToDelete(readdirSync(dir), keep);
    for (const name of deleted) rmSync(join(dir, name), { force: true });
    logger.info({ file, rows, kept: keep, deleted: deleted.length }, 'backup written');
    return file;
  };
  return periodicJob({
    work: backUp,
    intervalMs: checkEveryMs,
    firstRunMs: firstCheckMs,
    onError: (error) => logger.error({ err: errorKind(error), dir }, 'automatic backup failed; will retry'),
  });
}
