import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { periodicJob } from '../../lib/periodic-job.ts';
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
  const cleanUp = async (now = new Date()) => {
    const auth = await cleanUpAuth(db, now, policy);
    const invites = await deleteExpiredInvites(db, now);
    if (auth.sessions + auth.drafts + invites > 0) logger.info({ ...auth, invites }, 'staff cleanup');
  };
  const loop = periodicJob({
    work: () => cleanUp(),
    intervalMs,
    firstRunMs: intervalMs,
    onError: (error) => logger.warn({ err: errorKind(error) }, 'staff cleanup failed; retrying next minute'),
  });
  // runOnce takes the instant to clean up as of, so a test's clock can drive it.
  return { ...loop, runOnce: cleanUp };
}
