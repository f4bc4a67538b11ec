import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import {
  composeNoticeEmail,
  composeSummaryEmail,
  DEFAULT_RETRY_POLICY,
  describeSendError,
  nextAttemptAt,
  planDelivery,
  type NoticeEmail,
  type RetryPolicy,
  type SummaryCounts,
} from './notice.ts';
import {
  claimDueNotices,
  markNoticeFailed,
  markNoticeSent,
  markNoticeSkipped,
  type ClaimedNotice,
} from './queries.ts';
import type { NoticeSender } from './senders.ts';
import {
  clinicWeek,
  composeWeeklySummaryEmail,
  weeklyFiguresFrom,
  type ClinicWeek,
  type WeeklyReport,
} from './weekly-summary.ts';
import { systemClock } from '../../lib/clock.ts';

export type NotifyWorkerOptions = {
  db: Database;
  send: NoticeSender;
  logger: Logger;
  siteUrl: string;
  /** The clinic's time zone, for the time shown in the e-mail. */
  timeZone: string;
  /** The daily summary's counts now, by the inbox's definitions (given by the server: the inbox owns them). */
  summaryCounts: (now: Date) => Promise<SummaryCounts>;
  /**
   * The dashboard's report of a clinic week, for the weekly analytics summary (given by the
   * server: the analytics own it). Without it a weekly row fails and is retried.
   */
  weeklyReport?: (week: ClinicWeek) => Promise<WeeklyReport>;
  now?: () => Date;
  /** Pause between polls of the outbox when it is empty. */
  pollMs?: number;
  /** How long a claimed notice belongs to this worker; longer than any SMTP timeout. */
  leaseMs?: number;
  batchSize?: number;
  retry?: RetryPolicy;
};

export type RunSummary = { sent: number; retrying: number; failed: number; skipped: number };

export type NotifyWorker = {
  /** Sends every notice due now, then resolves; what the loop does on each tick. */
  runOnce(): Promise<RunSummary>;
  /** Polls the outbox every `pollMs` until stop(). */
  start(): void;
  /** Ends the loop after the send in progress, if any. */
  stop(): Promise<void>;
};

/**
 * The outbox worker: claims due notices, e-mails each, and records the outcome in the table, so
 * retries survive restarts and several instances can run side by side.
 * @example const worker = createNotifyWorker({ db, send, logger, siteUrl, timeZone }); worker.start(); … await worker.stop();
 */
export function createNotifyWorker(options: NotifyWorkerOptions): NotifyWorker {
  const { db, send, logger, now = systemClock, pollMs = 2_000, leaseMs = 300_000 } = options;
  const { batchSize = 10, retry = DEFAULT_RETRY_POLICY } = options;
  let running: Promise<RunSummary> = Promise.resolve({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
  let timer: NodeJS.Timeout | undefined;
  let looping = false;
  let stopping = false;
  let outboxErrors = 0;

  async function compose(notice: ClaimedNotice, to: 'en' | 'es'): Promise<NoticeEmail> {
    if (notice.kind === 'new_request') return composeNoticeEmail(notice, { ...options, to });
    if (notice.kind === 'weekly_summary') {
      if (!options.weeklyReport) throw new Error('the weekly summary has no report to read');
      const report = await options.weeklyReport(clinicWeek(notice.requestId));
      return composeWeeklySummaryEmail(weeklyFiguresFrom(report), { siteUrl: options.siteUrl, to });
    }
    const counts = await options.summaryCounts(now());
    return composeSummaryEmail(counts, { siteUrl: options.siteUrl, day: notice.requestId, to });
  }

  async function deliver(notice: ClaimedNotice, summary: RunSummary): Promise<void> {
    const context = {
      notice: {
        id: notice.id,
        kind: notice.kind,
        requestId: notice.requestId,
        recipient: notice.recipient?.id ?? 'NOTIFY_TO',
        attempt: notice.attempts,
      },
    };
    const delivery = planDelivery(notice, send);
    if ('skip' in delivery) {
      await markNoticeSkipped(db, notice, now());
      summary.skipped++;
      logger.info({ ...context, reason: delivery.skip }, 'notice skipped');
      return;
    }
    try {
      await send.send(delivery.to, notice, await compose(notice, delivery.locale));
    } catch (error) {
      const retryAt = nextAttemptAt(notice.attempts, now(), retry);
      const reason = describeSendError(error);
      await markNoticeFailed(db, notice, reason, retryAt);
      if (retryAt) summary.retrying++;
      else summary.failed++;
      const level = retryAt ? 'warn' : 'error';
      logger[level](
        { ...context, reason, retryAt },
        retryAt ? 'notice not sent; will retry' : 'notice given up',
      );
      return;
    }
    // If this write fails the row is due again when its lease ends: at least once, never lost.
    await markNoticeSent(db, notice, now());
    summary.sent++;
    logger.info(context, 'notice sent');
  }

  async function drain(): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (;;) {
      const at = now();
      const claimed = await claimDueNotices(db, at, new Date(at.getTime() + leaseMs), batchSize);
      for (const notice of claimed) await deliver(notice, summary);
      if (claimed.length < batchSize || stopping) return summary;
    }
  }

  const runOnce = () => (running = running.catch(() => undefined).then(drain));

  async function tick(): Promise<void> {
    try {
      await runOnce();
      outboxErrors = 0;
    } catch (error) {
      // Database errors only; their text is not logged (see app.ts onError). While the database is
      // down, polls (and these lines) slow down to one a minute.
      outboxErrors++;
      logger.error({ err: errorKind(error) }, 'notify worker could not read the outbox');
    }
    const delay = Math.min(pollMs * 2 ** outboxErrors, Math.max(pollMs, 60_000));
    if (looping) timer = setTimeout(() => void tick(), delay);
  }

  return {
    runOnce,
    start() {
      if (looping) return;
      looping = true;
      stopping = false;
      void tick();
    },
    async stop() {
      looping = false;
      stopping = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
