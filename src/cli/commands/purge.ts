import { loadClinic } from '../../config/clinic.ts';
import { listPurgeable, purgeExpiredRequests, retentionCutoff } from '../../features/requests/index.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: npm run clinic -- purge [--dry-run]

Deletes what patients typed, and staff notes, from every request closed longer than the
retention period (clinic.config.json "retentionDays", default 365 days). The request's number,
dates and status stay, marked purged, and each purge is written to the audit trail.
The server does the same once a day. --dry-run only counts the requests that are due.`;

/** `clinic purge`: the retention purge, on demand. */
export const purgeCommand: Command = {
  name: 'purge',
  summary: 'Delete the details of requests closed longer than the retention period',
  usage: USAGE,
  async run(io) {
    const unknown = io.args.filter((arg) => arg !== '--dry-run');
    if (unknown.length > 0) {
      io.stderr.write(`clinic purge: unknown option "${unknown[0]}".\n\n${USAGE}\n`);
      return 2;
    }
    const { retentionDays } = loadClinic(io.env.clinicConfigPath);
    const now = new Date();
    return io.withDatabase(async (db) => {
      if (io.args.includes('--dry-run')) {
        const due = await listPurgeable(db, retentionCutoff(now, retentionDays));
        io.stdout.write(
          `${due.length} request(s) closed more than ${retentionDays} days ago are due for purging.\n`,
        );
        return 0;
      }
      const purged = await purgeExpiredRequests(db, { now, retentionDays, trigger: 'command-line' });
      io.stdout.write(`Purged ${purged.length} request(s) closed more than ${retentionDays} days ago.\n`);
      return 0;
    });
  },
};
