import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/setup/smtp.ts';
import { claimDueNotices, insertNewRequestNotice } from './queries.ts';
import { createLogSender, createSmtpSender, smtpTransport } from './senders.ts';
import { createNotifyWorker, type NotifyWorkerOptions } from './worker.ts';

const NOTIFY_TO = 'frontdesk@clinic.test';
const SITE_URL = 'https://clinic.test';
const t0 = new Date('2025-06-02T16:00:00Z');

let db: TestDatabase;
let smtp: TestSmtpServer | undefined;
let seq = 0;
// These tests queue new-request notices only; the summary's counts are tested in summary.db.test.ts.
const noCounts = () => Promise.reject(new Error('no summary expected here'));
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await db.query('DELETE FROM notification_outbox');
});

function logSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

async function queueNotice(locale: 'en' | 'es' = 'es', receivedAt = t0): Promise<string> {
  const requestId = `req-${process.pid}-${++seq}`;
  await db.rawTransaction((sql) => insertNewRequestNotice(sql, { requestId, locale, receivedAt }));
  return requestId;
}

function worker(server: TestSmtpServer, clock: { now: Date }, extra: Partial<NotifyWorkerOptions> = {}) {
  const send = createSmtpSender(smtpTransport(server.url), { from: NOTIFY_TO, clinicAddress: NOTIFY_TO });
  return createNotifyWorker({
    db,
    send,
    logger: logSink().logger,
    siteUrl: SITE_URL,
    timeZone: 'America/Los_Angeles',
    summaryCounts: noCounts,
    now: () => clock.now,
    retry: { baseMs: 60_000, maxMs: 600_000, maxAttempts: 5 },
    ...extra,
  });
}

type Row = { status: string; attempts: number; next_attempt_at: Date; last_error: string | null };
async function row(requestId: string): Promise<Row> {
  const [found] = await db.query<Row>('SELECT * FROM notification_outbox WHERE request_id = $1', [requestId]);
  if (!found) throw new Error(`no outbox row for ${requestId}`);
  return found;
}

describe('notify worker over real SMTP', () => {
  it('e-mails NOTIFY_TO the request number, language, time and sign-in link', async () => {
    smtp = await startSmtpServer();
    const requestId = await queueNotice('es');
    expect(await worker(smtp, { now: t0 }).runOnce()).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
      skipped: 0,
    });

    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.to).toEqual([NOTIFY_TO]);
    expect(mail?.subject).toBe(`New confidential request ${requestId}`);
    expect(mail?.body).toContain('A new confidential request arrived through the website.');
    expect(mail?.body).toContain('Language: Spanish');
    expect(mail?.body).toContain('Received: Monday, June 2, 2025 at 9:00 AM');
    expect(mail?.body).toContain(`Sign in to read it: ${SITE_URL}/staff/requests/${requestId}`);
    expect(await row(requestId)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('queues one notice per request even when asked twice', async () => {
    const requestId = await queueNotice();
    await db.rawTransaction((sql) =>
      insertNewRequestNotice(sql, { requestId, locale: 'en', receivedAt: t0 }),
    );
    expect(
      await db.query('SELECT 1 FROM notification_outbox WHERE request_id = $1', [requestId]),
    ).toHaveLength(1);
  });

  it('retries a refused e-mail with exponential backoff, across restarts, until it is accepted', async () => {
    smtp = await startSmtpServer({ refuseFirst: 2 });
    const requestId = await queueNotice();
    const clock = { now: t0 };

    expect(await worker(smtp, clock).runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 0 });
    const first = await row(requestId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.next_attempt_at.getTime() - t0.getTime()).toBe(60_000);
    expect(first.last_error).toMatch(/451/);

    // Not due yet: a fresh worker (as after a restart) leaves it alone.
    clock.now = new Date(t0.getTime() + 59_000);
    expect(await worker(smtp, clock).runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });

    clock.now = new Date(t0.getTime() + 60_000);
    expect(await worker(smtp, clock).runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 0 });
    const second = await row(requestId);
    expect(second.next_attempt_at.getTime() - clock.now.getTime()).toBe(120_000);

    clock.now = new Date(clock.now.getTime() + 120_000);
    expect(await worker(smtp, clock).runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(await row(requestId)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(smtp.refused).toBe(2);
    expect(smtp.messages).toHaveLength(1);
  });

  it('gives up after the last attempt and keeps the reason', async () => {
    smtp = await startSmtpServer({ refuseFirst: 99 });
    const requestId = await queueNotice();
    const clock = { now: t0 };
    const w = worker(smtp, clock, { retry: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 } });
    await w.runOnce();
    clock.now = new Date(t0.getTime() + 1_000);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1, skipped: 0 });
    expect(await row(requestId)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('sends a notice again when the worker that claimed it died before finishing', async () => {
    smtp = await startSmtpServer();
    const requestId = await queueNotice();
    const leaseMs = 300_000;
    await claimDueNotices(db, t0, new Date(t0.getTime() + leaseMs), 10); // …and then the process died
    expect(await worker(smtp, { now: new Date(t0.getTime() + 1_000) }).runOnce()).toMatchObject({ sent: 0 });
    const later = { now: new Date(t0.getTime() + leaseMs) };
    expect(await worker(smtp, later).runOnce()).toMatchObject({ sent: 1 });
    expect(await row(requestId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('lets several workers drain the outbox together, each notice e-mailed once', async () => {
    const server = (smtp = await startSmtpServer());
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add(await queueNotice(i % 2 ? 'en' : 'es'));
    const clock = { now: t0 };
    const results = await Promise.all([1, 2, 3].map(() => worker(server, clock, { batchSize: 4 }).runOnce()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(24);
    const subjects = server.messages.map((m) => m.subject.replace('New confidential request ', ''));
    expect(new Set(subjects)).toEqual(ids);
    expect(subjects).toHaveLength(24);
  });

  it('polls on its own once started, and stops cleanly', async () => {
    smtp = await startSmtpServer();
    const w = worker(smtp, { now: t0 }, { pollMs: 20 });
    w.start();
    const requestId = await queueNotice();
    await smtp.waitForMessages(1);
    await w.stop();
    expect(smtp.messages[0]?.subject).toContain(requestId);
    expect((await row(requestId)).status).toBe('sent');
  });
});

describe('notify worker and a database outage', () => {
  it('keeps polling, logs only the error kind, and sends once the database is back', async () => {
    const server = (smtp = await startSmtpServer());
    const requestId = await queueNotice();
    let outage = 2;
    const flaky: Database = {
      ...db,
      query: async (text, params) => {
        if (outage-- > 0)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return db.query(text, params);
      },
    };
    const { lines, logger } = logSink();
    const w = worker(server, { now: t0 }, { db: flaky, logger, pollMs: 10 });
    w.start();
    await server.waitForMessages(1);
    await w.stop();
    const errors = lines
      .map((l) => JSON.parse(l))
      .filter((e) => e.msg === 'notify worker could not read the outbox');
    expect(errors).toHaveLength(2);
    expect(errors[0].err).toEqual({ type: 'Error', code: 'ECONNREFUSED' });
    expect(lines.join('')).not.toContain('127.0.0.1:5432');
    expect((await row(requestId)).status).toBe('sent');
  });
});

describe('notify worker without SMTP_URL', () => {
  it('writes the notice to the log and marks it sent', async () => {
    const requestId = await queueNotice('en');
    const { lines, logger } = logSink();
    const w = createNotifyWorker({
      db,
      send: createLogSender(logger),
      logger,
      siteUrl: SITE_URL,
      timeZone: 'UTC',
      summaryCounts: noCounts,
      now: () => t0,
    });
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
    const logged = lines.map((l) => JSON.parse(l)).find((e) => e.link);
    expect(logged.notice).toEqual({ requestId, locale: 'en', receivedAt: t0.toISOString() });
    expect(logged.link).toBe(`${SITE_URL}/staff/requests/${requestId}`);
    expect((await row(requestId)).status).toBe('sent');
  });
});
