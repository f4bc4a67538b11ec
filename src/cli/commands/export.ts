import { loadClinic } from '../../config/clinic.ts';
import { KeyUnlockError, unlockWithRecoveryKey } from '../../features/keys/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { readSecret } from '../read-secret.ts';
import { parseExportArgs } from './export-options.ts';
import {
  ANY_REQUEST,
  STATUSES,
  buildExportCsv,
  listRequestsToExport,
} from '../../features/requests/index.ts';

const USAGE = `Usage: npm run clinic -- export --recovery-key [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang en|es] [--history] [--bom]

Opens every request (or those chosen) with the clinic's recovery key and writes them as CSV
(UTF-8) to stdout. The recovery key is read from stdin (first line) when stdin is not a terminal,
otherwise prompted without echo; never from arguments. --from and --to are days in the clinic's
time zone (clinic.config.json "timeZone"), both included. --status is one of:
${STATUSES.join(', ')}.
Column labels and choices are in English, or Spanish with --lang es; times are in the clinic's
time zone. --history adds each request's contact history and notes.
--bom starts the file with a byte-order mark, for spreadsheet programs.
The CSV holds patient information in clear: write it to an encrypted disk and delete it after use.`;

/** `clinic export --recovery-key`: every request, decrypted, as CSV on stdout. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the requests, opened with the recovery key, as CSV to stdout',
  usage: USAGE,
  async run(io) {
    const { timeZone } = loadClinic(io.env.clinicConfigPath);
    const parsed = parseExportArgs(io.args, timeZone);
    if ('problem' in parsed) return fail(io, `${parsed.problem}\n\n${USAGE}`, 2);
    const { options } = parsed;
    const recoveryKey = await readSecret(io, 'Recovery key: ');
    if (!recoveryKey?.trim()) return fail(io, 'No recovery key: pipe it on stdin or type it at the prompt.');

    return io.withDatabase(async (db) => {
      let privateKey: Uint8Array;
      try {
        privateKey = await unlockWithRecoveryKey(db, recoveryKey);
      } catch (error) {
        if (error instanceof KeyUnlockError) return fail(io, error.message);
        throw error;
      }
      const criteria = {
        ...ANY_REQUEST,
        status: options.status ?? null,
        receivedFrom: options.from ?? null,
        receivedBefore: options.to ?? null,
      };
      let exported: Awaited<ReturnType<typeof buildExportCsv>>;
      try {
        const rows = await listRequestsToExport(db, { criteria }, null);
        // A request that does not open is named (by id only) and the others still exported.
        exported = await buildExportCsv(db, privateKey, rows, {
          locale: options.locale,
          timeZone,
          withHistory: options.withHistory,
          bom: options.bom,
        });
      } finally {
        privateKey.fill(0);
      }
      const { csv, ids, unopened } = exported;
      io.stdout.write(csv);
      io.stderr.write(`Exported ${ids.length} request(s). The file holds patient information in clear.\n`);
      if (unopened.length === 0) return 0;
      return fail(
        io,
        `${unopened.length} request(s) did not open (altered or damaged): ${unopened.join(', ')}`,
      );
    });
  },
};

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic export: ${message}\n`);
  return code;
}
