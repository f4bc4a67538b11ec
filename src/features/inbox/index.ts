/**
 * The staff inbox. Other modules import from here; app.ts mounts inboxRoutes.
 * @example
 * const job = createPurgeJob({ db, logger, retentionDays: clinic.retentionDays });
 * job.start(); // …on shutdown: await job.stop();
 */
export { createPurgeJob, type PurgeJob } from './purge-job.ts';
export { inboxRoutes, type InboxDeps } from './routes.tsx';
export { dailySummaryCounts } from './listing.ts';
