import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
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

export type BackupJob = {
  /** Makes a backup if one is due; resolves to its file, or null when none was due. */
  runOnce(): Promise<string | null>;
  start(): void;
  /** Stops the timer and waits for a backup in progress. */
  stop(): Promise<void>;
};

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
  let running: Promise<string | null> = Promise.resolve(null);
  let timer: NodeJS.Timeout | undefined;
  let looping = false;

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
  const runOnce = () => (running = running.catch(() => null).then(backUp));

  async function tick(): Promise<void> {
    try {
      await runOnce();
    } catch (error) {
      const err = error as { name?: string; code?: unknown };
      logger.error({ err: { type: err.name, code: err.code }, dir }, 'automatic backup failed; will retry');
    }
    if (looping) timer = setTimeout(() => void tick(), checkEveryMs).unref();
  }

  return {
    runOnce,
    start() {
      if (looping) return;
      looping = true;
      timer = setTimeout(() => void tick(), firstCheckMs).unref();
    },
    async stop() {
      looping = false;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
