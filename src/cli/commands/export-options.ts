import { STATUSES, isStatus, type Status } from '../../features/requests/index.ts';
import { instantOf } from '../../lib/zoned-time.ts';

/** The choices of `clinic export`, parsed from its arguments (pure: no I/O). */
export type ExportOptions = {
  /** Only requests with this status. */
  status?: Status;
  /** Received on or after this instant (the start of the --from day in the clinic's time zone). */
  from?: Date;
  /** Received before this instant (the end of the --to day in the clinic's time zone). */
  to?: Date;
  /** Start the file with a UTF-8 byte-order mark, which spreadsheet programs need to read accents. */
  bom: boolean;
  /** The language of the column labels and words. */
  locale: 'en' | 'es';
  /** Add each request's contact history and notes. */
  withHistory: boolean;
};

/**
 * Reads `--recovery-key [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang en|es] [--history] [--bom]`.
 * The days are the clinic's (`timeZone`), as staff see the dates of requests in the inbox.
 * @returns the options, or a problem to show with the usage
 * @example parseExportArgs(['--recovery-key', '--from', '2025-01-01'], 'UTC') // { options: { from: 2025-01-01T00:00Z, bom: false, locale: 'en', withHistory: false } }
 */
export function parseExportArgs(
  args: string[],
  timeZone: string,
): { options: ExportOptions } | { problem: string } {
  const options: ExportOptions = { bom: false, locale: 'en', withHistory: false };
  let unlock = false;
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inline] = (args[i] ?? '').split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (flag === '--recovery-key') {
      if (inline !== undefined)
        return { problem: 'The recovery key is read from stdin, never from arguments.' };
      unlock = true;
    } else if (flag === '--bom') options.bom = true;
    else if (flag === '--history') options.withHistory = true;
    else if (flag === '--lang') {
      const lang = value();
      if (lang !== 'en' && lang !== 'es') return { problem: 'Give --lang en or es.' };
      options.locale = lang;
    } else if (flag === '--status') {
      const status = value();
      if (!isStatus(status)) return { problem: `Give --status one of: ${STATUSES.join(', ')}.` };
      options.status = status;
    } else if (flag === '--from' || flag === '--to') {
      const day = parseDay(value());
      if (!day) return { problem: `Give ${flag} a date as YYYY-MM-DD, like 2025-01-31.` };
      // --to includes its whole day: the export stops where the next day starts.
      options[flag === '--from' ? 'from' : 'to'] = startOfDay(day, flag === '--from' ? 0 : 1, timeZone);
    } else return { problem: `Unknown option "${args[i]}".` };
  }
  if (!unlock) return { problem: 'Say how to open the requests: --recovery-key (read from stdin).' };
  if (options.from && options.to && options.from >= options.to) {
    return { problem: '--from must be on or before --to.' };
  }
  return { options };
}

/** Midnight, in `timeZone`, of the UTC calendar day `day` moved by `addDays`. */
function startOfDay(day: Date, addDays: number, timeZone: string): Date {
  const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + addDays));
  return instantOf(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

function parseDay(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? null : day;
}
