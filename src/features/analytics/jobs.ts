import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { periodicJob } from '../../lib/periodic-job.ts';
import type { AnalyticsIngest } from './ingest.ts';
import { deleteExpiredEvents, deleteOldCollectorLimits } from './queries/retention.ts';
import { rollupDirtyDays } from './queries/rollup.ts';
import { addDays } from './range.ts';
import { localDay } from './visitor-id.ts';

/** Raw events are kept this many days unless ANALYTICS_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;

export type JobOptions = {
  db: Database;
  ingest: AnalyticsIngest;
  logger: Logger;
  timeZone: string;
  retentionDays: number;
  /** Pause between runs: how stale the dashboard may be. */
  intervalMs?: number;
};

export type AnalyticsJobs = {
  /** One pass: write the buffer, roll up dirty days, rotate the salt, delete expired rows. */
  runOnce(): Promise<void>;
  start(): void;
  /** Ends the loop, then writes what is buffered and rolls it up. */
  stop(): Promise<void>;
};

/**
 * The collector's upkeep, safe to run on every instance at once: rollups of the days that
 * changed, the daily salt rotation, and deletion of raw events past the retention period.
 * @example const jobs = createAnalyticsJobs({ db, ingest, logger, timeZone, retentionDays: 30 }); jobs.start(); … await jobs.stop();
 */
export function createAnalyticsJobs(options: JobOptions): AnalyticsJobs {
  const { db, ingest, logger, timeZone, retentionDays, intervalMs = 60_000 } = options;
  async function pass(): Promise<void> {
    await ingest.writer.flush();
    const rolled = await rollupDirtyDays(db);
    const now = ingest.now();
    const today = localDay(now, timeZone);
    await ingest.salts.rotate(today);
    const deleted = await deleteExpiredEvents(db, addDays(today, -retentionDays));
    await deleteOldCollectorLimits(db, new Date(now.getTime() - 3_600_000));
    if (deleted > 0 || rolled.length > 1) logger.info({ rolled, deleted }, 'analytics upkeep');
  }

  const loop = periodicJob({
    work: pass,
    intervalMs,
    onError: (error) => logger.warn({ err: errorKind(error) }, 'analytics upkeep failed; will retry'),
  });
  return {
    ...loop,
    async stop() {
      await loop.stop();
      await ingest.writer.flush();
      await rollupDirtyDays(db);
    },
  };
}
