import { resolve } from 'node:path';
import { DataDirLockedError } from '../../db/data-dir-lock.ts';
import { askServerForBackup, BackupError, createBackup } from '../../features/backup/index.ts';
import type { Command, CommandIo } from '../command.ts';

const USAGE = `Usage: npm run clinic -- backup --out FILE

Writes a backup of the clinic's data to FILE (gzip'd NDJSON; a name like
clinic-2026-01-31.ndjson.gz). It never overwrites a file: it writes FILE.partial and renames it
once complete. It reads one consistent snapshot, so it runs while the server serves: with the
embedded database, the running server writes it (asked over DATA_DIR's owner-only socket, so run
it as the server's user; FILE must be a place the server may write). Restore it with
\`clinic restore\`, on the embedded database or PostgreSQL.
Left out on purpose: staff sessions and invite links, rate-limit and sign-in counters, and the
day's analytics salt.
The backup holds sealed requests and wrapped keys, no clear patient data; it still needs the same care as the database.`;

/**
 * The value of the one option a backup or restore takes (`--out FILE` or `--out=FILE`).
 * @returns the file, or a problem to show with the usage
 */
export function parseFileOption(args: string[], flag: string): { file: string } | { problem: string } {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [name = '', inline] = (args[i] ?? '').split(/=(.*)/s, 2);
    if (name !== flag) return { problem: `Unknown option "${args[i]}".` };
    file = inline ?? args[++i];
    // "-" is not stdout here: a backup always goes to a file it can complete and rename.
    if (!file || file === '-' || file.startsWith('--')) return { problem: `Give ${flag} a file name.` };
  }
  return file ? { file } : { problem: `Say which file: ${flag} FILE.` };
}

/** `clinic backup --out FILE`: a portable backup of the clinic's data. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write a backup of the clinic data to a file (sealed, portable)',
  usage: USAGE,
  async run(io) {
    const parsed = parseFileOption(io.args, '--out');
    if ('problem' in parsed) return fail(io, `${parsed.problem}\n\n${USAGE}`, 2);
    try {
      const header = await io
        .withDatabase((db) => createBackup(db, parsed.file))
        .catch((error: unknown) => {
          // The embedded database is the running server's: it makes the backup for us.
          if (error instanceof DataDirLockedError)
            return askServerForBackup(io.env.dataDir, resolve(parsed.file));
          throw error;
        });
      const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
      io.stdout.write(
        `Backup written to ${parsed.file}: ${rows} rows from ${header.tables.length} tables, schema version ${header.schemaVersion}.\n` +
          'It holds sealed requests and wrapped keys, no clear patient data; keep it with the same care as the database.\n',
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) return fail(io, error.message);
      throw error;
    }
  },
};

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic backup: ${message}\n`);
  return code;
}
