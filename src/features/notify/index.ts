/**
 * Staff notifications without patient data: the outbox rows written with each request (for
 * NOTIFY_TO and each member who asked), each clinic day (the daily summary) and each clinic week
 * (the weekly analytics summary, for admins and marketing), and the worker
 * that e-mails them (or logs the clinic's notice when SMTP_URL is not set).
 */
export { insertNewRequestNotice, NEW_REQUEST_NOTICES, queueDailySummary, queueSummary } from './queries.ts';
export {
  composeNoticeEmail,
  composeSummaryEmail,
  requestLink,
  type NewRequestNotice,
  type NoticeEmail,
  type SummaryCounts,
} from './notice.ts';
export { createNotifyWorker, type NotifyWorker, type NotifyWorkerOptions } from './worker.ts';
export { createSummaryJob, createWeeklySummaryJob, summaryDayDue, type SummaryJob } from './summary-job.ts';
export {
  composeWeeklySummaryEmail,
  weeklySummaryDue,
  type ClinicWeek,
  type WeeklyFigures,
} from './weekly-summary.ts';
export {
  createLogSender,
  createSmtpSender,
  senderFromEnv,
  smtpTransport,
  type MailTransport,
  type NoticeSender,
} from './senders.ts';
