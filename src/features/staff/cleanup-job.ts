import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { cleanUpAuth, DEFAULT_SESSION_POLICY, type SessionPolicy } from '../auth/index.ts';
import { deleteExpiredInvites } from './queries.ts';

export type CleanupJob = { start(): void; stop(): Promise<void>; runOnce(now?: Date): Promise<void> };

/**
 * Every minute: deletes ended sessions (with their sealed key copies), kept forms past their
 * hour, forgotten throttle rows, and expired invite links (with their key copies). Every
 * instance may run it; the deletes do not conflict.
 * @example const job = createStaffCleanupJob({ db, logger, policy }); job.start(); … await job.stop();
 */
export function createStaffCleanupJob(options: {
  db: Database;
  logger: Logger;
  policy?: SessionPolicy;
  intervalMs?: number;
}): CleanupJob {
  const { db, logger, policy = DEFAULT_SESSION_POLICY, intervalMs = 60_000 } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (now = new Date()) => {
    try {
      const auth = await cleanUpAuth(db, now, policy);
      const invites = await deleteExpiredInvites(db, now);
      if (auth.sessions + auth.drafts + invites > 0) logger.info({ ...auth, invites }, 'staff cleanup');
    } catch (error) {
      const { name, code } = error as { name?: string; code?: unknown };
      logger.warn({ err: { type: name, code } }, 'staff cleanup failed; retrying next minute');
    }
  };
  return {
    runOnce,
    start() {
      timer = setInterval(() => {
        running = runOnce();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
