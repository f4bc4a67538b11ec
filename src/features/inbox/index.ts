/**
 * The staff inbox (issue 4). Other modules import from here; app.ts mounts ./routes.tsx.
 * @example
 * const job = createPurgeJob({ db, logger, retentionDays: clinic.retentionDays });
 * job.start(); // …on shutdown: await job.stop();
 */
export { createPurgeJob, type PurgeJob } from './purge-job.ts';
export { listPurgeable, purgeExpiredRequests, type PurgeTrigger } from './purge.ts';
export { retentionCutoff } from './retention.ts';
export { STATUSES, WORK_STATUSES, type Status, type WorkStatus } from './workflow.ts';
