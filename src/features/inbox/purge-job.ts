import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { purgeExpiredRequests } from '../requests/index.ts';
import { systemClock } from '../../lib/clock.ts';

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

export type PurgeJob = {
  /** Purges what is due now; resolves to how many requests were purged. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
};

const DAY_MS = 86_400_000;

/**
 * The daily retention job started by src/server.ts. Runs on every instance; purgeExpiredRequests
 * purges each request once even when two run together. Logs counts only, never ids' contents.
 * @example const job = createPurgeJob({ db, logger, retentionDays: clinic.retentionDays }); job.start();
 */
export function createPurgeJob(options: PurgeJobOptions): PurgeJob {
  const { db, logger, retentionDays, now = systemClock } = options;
  const { intervalMs = DAY_MS, firstRunMs = 60_000 } = options;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  let looping = false;

  const purge = async () => {
    const purged = await purgeExpiredRequests(db, { now: now(), retentionDays, trigger: 'daily-job' });
    if (purged.length > 0) logger.info({ purged: purged.length, retentionDays }, 'closed requests purged');
    return purged.length;
  };
  const runOnce = () => (running = running.catch(() => 0).then(purge));

  async function tick(): Promise<void> {
    let wait = intervalMs;
    try {
      await runOnce();
    } catch (error) {
      // A database outage should not postpone the purge a whole day: try again within the hour.
      wait = Math.min(intervalMs, 3_600_000);
      const err = error as { name?: string; code?: unknown };
      logger.error({ err: { type: err.name, code: err.code } }, 'retention purge failed; will retry');
    }
    if (looping) timer = setTimeout(() => void tick(), wait).unref();
  }

  return {
    runOnce,
    start() {
      if (looping) return;
      looping = true;
      timer = setTimeout(() => void tick(), firstRunMs).unref();
    },
    async stop() {
      looping = false;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
