/**
 * Staff notifications without patient data: the outbox row written with each request, and the
 * worker that e-mails it (or logs it when SMTP_URL is not set).
 */
export { insertNewRequestNotice } from './queries.ts';
export { composeNoticeEmail, requestLink, type NewRequestNotice, type NoticeEmail } from './notice.ts';
export { createNotifyWorker, type NotifyWorker, type NotifyWorkerOptions } from './worker.ts';
export {
  createLogSender,
  createSmtpSender,
  senderFromEnv,
  smtpTransport,
  type MailTransport,
  type NoticeSender,
} from './senders.ts';
