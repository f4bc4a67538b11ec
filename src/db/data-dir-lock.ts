import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StartUpError } from '../lib/start-up-error.ts';

/**
 * The embedded database belongs to one process: a second PGlite on the same directory sees an
 * empty database. So whoever opens DATA_DIR holds this lock file, which names its process.
 * A lock left by a process that is gone (kill -9, power loss) is taken over.
 */
export class DataDirLockedError extends StartUpError {
  override name = 'DataDirLockedError';
}

type LockInfo = { pid: number; startedAt: string; command: string };

/**
 * Takes DATA_DIR for this process, owner-only: the umask makes everything this process writes
 * from now on (the embedded database's files among them) unreadable by other users, and the
 * folder's own mode is set even when it existed before (mkdir's mode applies only to a new one).
 */
export function lockDataDir(dataDir: string): () => void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const path = join(dataDir, 'clinic.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const info: LockInfo = {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        command: process.argv.slice(1).join(' '),
      };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(
          `DATA_DIR ${dataDir} is in use by process ${holder.pid} (${holder.command}, started ${holder.startedAt}). ` +
            'The embedded database allows one process at a time: stop that process first, ' +
            'or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`DATA_DIR ${dataDir} could not be locked: another process keeps taking it.`);
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
