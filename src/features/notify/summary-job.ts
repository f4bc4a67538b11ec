import type { Database } from '../../db/client.ts';
import { systemClock } from '../../lib/clock.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { periodicJob, type PeriodicJob } from '../../lib/periodic-job.ts';
import { instantOf, wallClock } from '../../lib/zoned-time.ts';
import { queueDailySummary, queueSummary } from './queries.ts';
import { weeklySummaryDue } from './weekly-summary.ts';

export type SummaryJobOptions = {
  db: Database;
  logger: Logger;
  /** The clinic's time zone: the summary's time and its day are the clinic's. */
  timeZone: string;
  /** DAILY_SUMMARY_AT, "HH:MM" (the weekly summary goes on Mondays at the same time). */
  at: string;
  now?: () => Date;
  /** How often the job looks at the clock. */
  intervalMs?: number;
};

/** runOnce queues the period's summaries if their time has come and nobody did yet; resolves to how many. */
export type SummaryJob = PeriodicJob<number>;

/**
 * The clinic day whose summary is due at `now`, or null before DAILY_SUMMARY_AT on that day.
 * Pure. A server that was down at the time sends the day's summary when it is back, that day.
 * @example summaryDayDue(new Date('2026-12-02T15:31:00Z'), '07:30', 'America/Los_Angeles') // '2026-12-02'
 */
export function summaryDayDue(now: Date, at: string, timeZone: string): string | null {
  const today = wallClock(now, timeZone);
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const due = instantOf({ ...today, hour, minute }, timeZone);
  if (now.getTime() < due.getTime()) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${today.year}-${pad(today.month)}-${pad(today.day)}`;
}

/**
 * Every minute, on every instance: once the clinic's clock passes DAILY_SUMMARY_AT, queues the
 * day's summary e-mails in the outbox (once a day across instances: queueDailySummary) for the
 * notify worker to send. Start it only when SMTP_URL is set: without it there is no e-mail to send.
 * @example const job = createSummaryJob({ db, logger, timeZone: clinic.timeZone, at: env.dailySummaryAt }); job.start();
 */
export function createSummaryJob(options: SummaryJobOptions): SummaryJob {
  return periodicQueue(options, 'daily summary', (instant) => {
    const day = summaryDayDue(instant, options.at, options.timeZone);
    return day === null ? null : { key: day, queue: () => queueDailySummary(options.db, day, instant) };
  });
}

/**
 * Every minute, on every instance: once Monday passes DAILY_SUMMARY_AT (clinic time), queues the
 * weekly analytics summary of the clinic week just ended (Monday to Sunday) for each admin and
 * marketing member who asked for it, once a week across instances and restarts (the week's
 * marker row in the outbox). Start it only when SMTP_URL is set.
 * @example createWeeklySummaryJob({ db, logger, timeZone: clinic.timeZone, at: env.dailySummaryAt }).start();
 */
export function createWeeklySummaryJob(options: SummaryJobOptions): SummaryJob {
  return periodicQueue(options, 'weekly summary', (instant) => {
    const week = weeklySummaryDue(instant, options.at, options.timeZone);
    return { key: week.from, queue: () => queueSummary(options.db, 'weekly_summary', week.from, instant) };
  });
}

/** The loop both summary jobs share: look at the clock, queue what is due, log, retry on errors. */
function periodicQueue(
  options: SummaryJobOptions,
  name: string,
  due: (now: Date) => { key: string; queue: () => Promise<number> } | null,
): SummaryJob {
  const { logger, now = systemClock, intervalMs = 60_000 } = options;
  const queue = async () => {
    const period = due(now());
    if (period === null) return 0;
    const queued = await period.queue();
    if (queued > 0) logger.info({ period: period.key, queued }, `${name} e-mails queued`);
    return queued;
  };
  return periodicJob({
    work: queue,
    intervalMs,
    onError: (error) => logger.error({ err: errorKind(error) }, `${name} not queued; will retry`),
  });
}
