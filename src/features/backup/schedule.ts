/**
 * The automatic backups' rules, pure: what a backup file is called, when the next one is due,
 * and which old ones go. backup-job.ts does the I/O.
 */

const NAME = /^clinic-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.ndjson\.gz$/;

/** A day: the automatic backup runs when the newest one is older than this. */
export const BACKUP_INTERVAL_MS = 86_400_000;

/**
 * The file name of an automatic backup made at `at`: sortable, no colons.
 * @example backupFileName(new Date('2026-01-31T02:00:00Z')) // 'clinic-2026-01-31T02-00-00Z.ndjson.gz'
 */
export function backupFileName(at: Date): string {
  return `clinic-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.ndjson.gz`;
}

/** When the automatic backup named `name` was made, or null for any other file. */
export function backupTime(name: string): Date | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds] = match;
  return new Date(`${day}T${hours}:${minutes}:${seconds}Z`);
}

/** Whether a backup is due: none yet, or the newest is a day old (or from the future: a clock was wrong). */
export function isBackupDue(names: string[], now: Date): boolean {
  const times = names.map(backupTime).filter((t): t is Date => t !== null);
  if (times.length === 0) return true;
  const newest = Math.max(...times.map((t) => t.getTime()));
  return now.getTime() - newest >= BACKUP_INTERVAL_MS || newest > now.getTime();
}

/** The automatic backups to delete so that the newest `keep` remain; other files are never listed. */
export function backupsToDelete(names: string[], keep: number): string[] {
  const ours = names.filter((name) => backupTime(name) !== null).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}
