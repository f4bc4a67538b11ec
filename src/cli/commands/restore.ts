import { BackupError, readBackupHeader, restoreBackup } from '../../features/backup/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { parseFileOption } from './backup.ts';

const USAGE = `Usage: npm run clinic -- restore --from FILE

Loads a backup made by \`clinic backup\` into a new, empty database (embedded, or PostgreSQL
with DATABASE_URL): the way to move from the embedded database to PostgreSQL. All or nothing,
in one transaction. It refuses a database that already holds data (staff, requests, keys…), so
two clinics' data never mix, and a backup from another schema version: restore an older backup
with the Clinic Site release that made it (a newer release then upgrades it when it starts).
Staff sign in again after a restore (sessions are not in a backup) and open invites must be sent
again. With the embedded database, stop the server first. The restore is written to the audit
trail.
The backup holds sealed requests and wrapped keys, no clear patient data; it still needs the same care as the database.`;

/** `clinic restore --from FILE`: a backup into an empty database. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Load a backup into a new, empty database',
  usage: USAGE,
  async run(io) {
    const parsed = parseFileOption(io.args, '--from');
    if ('problem' in parsed) return fail(io, `${parsed.problem}\n\n${USAGE}`, 2);
    try {
      // A wrong file is refused before the database is opened (or created).
      await readBackupHeader(parsed.file);
      const header = await io.withDatabase((db) => restoreBackup(db, parsed.file));
      const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
      io.stdout.write(
        `Restored ${rows} rows from ${header.tables.length} tables (backup of ${header.createdAt}). Staff sign in again.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) return fail(io, error.message);
      throw error;
    }
  },
};

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic restore: ${message}\n`);
  return code;
}
