import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { purgeExpiredRequests } from '../requests/index.ts';
import { systemClock } from '../../lib/clock.ts';
import { periodicJob, type PeriodicJob } from '../../lib/periodic-job.ts';

export type PurgeJobOptions = {
  db: Database;
  logger: Logger;
  /** clinic.config.json `retentionDays`. */
  retentionDays: number;
  now?: () => Date;
  /** Pause between runs: a day. */
  intervalMs?: number;
  /** The first run comes this long after start, out of the way of start-up. */
  firstRunMs?: number;
};

/** runOnce purges what is due now and resolves to how many requests were purged. */
export type PurgeJob = PeriodicJob<number>;

const DAY_MS = 86_400_000;

/**
 * The daily retention job started by src/server.ts. Runs on every instance; purgeExpiredRequests
 * purges each request once even when two run together. Logs counts only, never ids' contents.
 * @example const job = createPurgeJob({ db, logger, retentionDays: clinic.retentionDays }); job.start();
 */
export function createPurgeJob(options: PurgeJobOptions): PurgeJob {
  const { db, logger, retentionDays, now = systemClock } = options;
  const { intervalMs = DAY_MS, firstRunMs = 60_000 } = options;
  const purge = async () => {
    const purged = await purgeExpiredRequests(db, { now: now(), retentionDays, trigger: 'daily-job' });
    if (purged.length > 0) logger.info({ purged: purged.length, retentionDays }, 'closed requests purged');
    return purged.length;
  };
  return periodicJob({
    work: purge,
    intervalMs,
    firstRunMs,
    // A database outage should not postpone the purge a whole day: try again within the hour.
    retryMs: Math.min(intervalMs, 3_600_000),
    onError: (error) => logger.error({ err: errorKind(error) }, 'retention purge failed; will retry'),
  });
}
