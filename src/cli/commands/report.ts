import { loadClinic } from '../../config/clinic.ts';
import {
  FILTER_KEYS,
  readReportQuery,
  reportFor,
  rollupDirtyDays,
  type AnalyticsReport,
} from '../../features/analytics/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { optionValue, unknownOption } from '../option-value.ts';

const USAGE = `Usage: npm run clinic -- report --from YYYY-MM-DD --to YYYY-MM-DD [--json]
  [--campaign C] [--source S] [--medium M] [--channel CH] [--landing PATH] [--page PATH]
  [--language en|es] [--device desktop|phone|tablet|other]

Prints the analytics of the days from --from to --to (both included, in the clinic's time zone)
compared with the period of the same length just before: the figures the dashboard at
/staff/analytics shows for the same dates. With --json, the whole report as JSON (keys include
visitors, visits, pageviews, bounceRate, visitDurationSeconds, funnel, campaigns (the funnel
per source, medium and campaign) and every table). The filters narrow every figure to the visits
that match, as the dashboard's do. Days whose rollups are behind are rolled up first.`;

/** `clinic report --from D --to D [--json]`: the dashboard's figures on the command line. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Print analytics for a range of days (--json for the full report)',
  usage: USAGE,
  async run(io) {
    const unknown = unknownOption(io.args, {
      values: ['--from', '--to', ...FILTER_KEYS.map((key) => `--${key}`)],
      flags: ['--json'],
    });
    if (unknown !== undefined) return fail(io, `Unknown option "${unknown}".\n\n${USAGE}`, 2);
    const query = readReportQuery(
      (name) => optionValue(io.args, `--${name}`),
      (name, example) => `--${name} ${example}`,
    );
    if ('error' in query) return fail(io, `${query.error}\n\n${USAGE}`);
    const { timeZone } = loadClinic(io.env.clinicConfigPath);
    return io.withDatabase(async (db) => {
      await rollupDirtyDays(db);
      const report = await reportFor(db, query, timeZone);
      io.stdout.write(io.args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
      return 0;
    });
  },
};

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`clinic report: ${message}\n`);
  return code;
}

/** The headline figures and the funnel as plain lines. */
function describe(r: AnalyticsReport): string {
  const line = (label: string, now: number, before: number, unit = '') =>
    `  ${label.padEnd(22)} ${`${now}${unit}`.padStart(10)}   (previous: ${before}${unit})`;
  return [
    `Analytics ${r.range.from} to ${r.range.to} (previous period ${r.previousRange.from} to ${r.previousRange.to})`,
    line('Unique visitors', r.visitors, r.previous.visitors),
    line('Visits', r.visits, r.previous.visits),
    line('Page views', r.pageviews, r.previous.pageviews),
    line('Bounce rate', r.bounceRate, r.previous.bounceRate, '%'),
    line('Visit length', r.visitDurationSeconds, r.previous.visitDurationSeconds, ' s'),
    line('Requests received', r.requests.total, r.requests.previousTotal),
    'Funnel (visits):',
    ...r.funnel.map(
      (s) => `  ${s.step.padEnd(22)} ${String(s.visits).padStart(10)}   (${s.percentOfLanding}%)`,
    ),
    'Top pages (views):',
    ...r.pages.map((p) => `  ${p.value.padEnd(40)} ${String(p.pageviews).padStart(8)}`),
    '',
  ].join('\n');
}
