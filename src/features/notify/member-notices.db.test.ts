import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { dailySummaryCounts } from '../inbox/index.ts';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { insertTestRequest, insertTestStaff } from '../../../tests/setup/inbox-fixtures.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../tests/setup/smtp.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { testPublicSite, TEST_SITE_URL } from '../../../tests/setup/test-app.ts';
import { createLogSender, createSmtpSender, smtpTransport } from './senders.ts';
import { createSummaryJob } from './summary-job.ts';
import { createNotifyWorker } from './worker.ts';

const NOTIFY_TO = 'frontdesk@clinic.test';
const TIME_ZONE = 'America/Los_Angeles';
const silent = createLogger('silent');
let db: TestDatabase;
let smtp: TestSmtpServer | undefined;
let seq = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  await setUpClinic(db);
});
afterAll(() => db.close());
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await db.query('DELETE FROM notification_outbox');
  await db.query('UPDATE staff SET notify_new_requests = false, notify_daily_summary = false');
});

type MemberOptions = {
  role?: string;
  locale?: 'en' | 'es';
  newRequests?: boolean;
  summary?: boolean;
  disabled?: boolean;
  email?: string;
};
/** A member with their settings as the account page saves them. */
async function member(options: MemberOptions = {}): Promise<{ id: string; email: string }> {
  const email = options.email ?? `member-${process.pid}-${++seq}@clinic.test`;
  const id = await insertTestStaff(db, email, options.role ?? 'coordinator');
  await db.query(
    `UPDATE staff SET locale = $2, notify_new_requests = $3, notify_daily_summary = $4,
       disabled_at = CASE WHEN $5::boolean THEN now() END WHERE id = $1`,
    [
      id,
      options.locale ?? 'en',
      options.newRequests ?? false,
      options.summary ?? false,
      options.disabled ?? false,
    ],
  );
  return { id, email };
}

async function worker(server: TestSmtpServer, now: Date) {
  const site = (await testPublicSite()).site;
  return createNotifyWorker({
    db,
    send: createSmtpSender(smtpTransport(server.url), { from: NOTIFY_TO, clinicAddress: NOTIFY_TO }),
    logger: silent,
    siteUrl: TEST_SITE_URL,
    timeZone: TIME_ZONE,
    summaryCounts: (at) => dailySummaryCounts(db, site, at),
    now: () => now,
  });
}

const to = (mails: ReceivedMail[], address: string) => mails.filter((m) => m.to.includes(address));

/** Nothing a patient typed, in any form: the marker is in the names, e-mail and free text. */
function expectNoPatientData(mail: ReceivedMail | undefined, marker: string) {
  expect(mail).toBeDefined();
  const raw = mail?.raw ?? '';
  expect(raw.toLowerCase()).not.toContain(marker.toLowerCase());
  for (const piece of ['José', "O'Brien", '2135550142', '555-0142', '@example.com']) {
    expect(raw).not.toContain(piece);
  }
}

describe('new-request notices per member, over real SMTP', () => {
  it('e-mails NOTIFY_TO and each opted-in member once, in the member’s language; nobody else', async () => {
    smtp = await startSmtpServer();
    const english = await member({ newRequests: true });
    const spanish = await member({ newRequests: true, locale: 'es' });
    const optedOut = await member({ newRequests: false, summary: true });
    const gone = await member({ newRequests: true, disabled: true });
    const marketing = await member({ newRequests: true, role: 'marketing' });
    const desk = await member({ newRequests: true, email: NOTIFY_TO });
    const request = await insertTestRequest(db, {
      locale: 'es',
      receivedAt: new Date('2026-12-02T17:15:00Z'),
    });
    const at = new Date('2026-12-02T17:16:00Z');

    // Two instances drain the outbox together: each row is sent by one of them.
    const results = await Promise.all([
      (await worker(smtp, at)).runOnce(),
      (await worker(smtp, at)).runOnce(),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(3);
    const mails = smtp.messages;
    expect(mails).toHaveLength(3);
    expect(to(mails, NOTIFY_TO)).toHaveLength(1);
    expect(to(mails, NOTIFY_TO)[0]?.subject).toBe(`New confidential request ${request.id}`);
    const [mine] = to(mails, english.email);
    expect(mine?.subject).toBe(`New confidential request ${request.id}`);
    expect(mine?.body).toContain('Language: Spanish');
    expect(mine?.body).toContain('Received: Wednesday, December 2, 2026 at 9:15 AM');
    expect(mine?.body).toContain(`Sign in to read it: ${TEST_SITE_URL}/staff/requests/${request.id}`);
    const [theirs] = to(mails, spanish.email);
    expect(theirs?.subject).toBe(`Nueva solicitud confidencial ${request.id}`);
    expect(theirs?.body).toContain('Llegó una nueva solicitud confidencial por el sitio web.');
    expect(theirs?.body).toContain('Idioma: español');
    expect(theirs?.body).toContain(
      `Inicie sesión para leerla: ${TEST_SITE_URL}/staff/requests/${request.id}`,
    );
    for (const address of [optedOut.email, gone.email, marketing.email])
      expect(to(mails, address)).toEqual([]);
    for (const mail of mails) expectNoPatientData(mail, request.marker);

    const rows = await db.query<{ recipient_id: string | null; status: string }>(
      'SELECT recipient_id::text AS recipient_id, status FROM notification_outbox WHERE request_id = $1',
      [request.id],
    );
    const statusOf = (id: string | null) => rows.find((r) => r.recipient_id === id)?.status;
    expect(rows).toHaveLength(4); // NOTIFY_TO, the two members, and the member whose address is NOTIFY_TO
    expect([statusOf(null), statusOf(english.id), statusOf(spanish.id), statusOf(desk.id)]).toEqual([
      'sent',
      'sent',
      'sent',
      'skipped',
    ]);

    // Again, as after a restart: nothing more goes out.
    expect(await (await worker(smtp, new Date(at.getTime() + 600_000))).runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it('skips a member who opted out between the request and the send', async () => {
    smtp = await startSmtpServer();
    const changed = await member({ newRequests: true });
    await insertTestRequest(db, { receivedAt: new Date('2026-12-02T17:15:00Z') });
    await db.query('UPDATE staff SET notify_new_requests = false WHERE id = $1', [changed.id]);
    expect(await (await worker(smtp, new Date('2026-12-02T17:16:00Z'))).runOnce()).toMatchObject({
      sent: 1,
      skipped: 1,
    });
    expect(smtp.messages.map((m) => m.to)).toEqual([[NOTIFY_TO]]);
  });

  it('without SMTP_URL logs the clinic’s notice once and skips the members’ copies', async () => {
    await member({ newRequests: true });
    const request = await insertTestRequest(db, { receivedAt: new Date('2026-12-02T17:15:00Z') });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const site = (await testPublicSite()).site;
    const w = createNotifyWorker({
      db,
      send: createLogSender(logger),
      logger,
      siteUrl: TEST_SITE_URL,
      timeZone: TIME_ZONE,
      summaryCounts: (at) => dailySummaryCounts(db, site, at),
      now: () => new Date('2026-12-02T17:16:00Z'),
    });
    expect(await w.runOnce()).toMatchObject({ sent: 1, skipped: 1 });
    const logged = lines.map((l) => JSON.parse(l)).filter((e) => e.link);
    expect(logged.map((e) => e.link)).toEqual([`${TEST_SITE_URL}/staff/requests/${request.id}`]);
    expect(lines.join('')).not.toContain(request.marker);
  });
});

describe('the daily summary, over real SMTP', () => {
  // 2026-12-02 is a Wednesday; DAILY_SUMMARY_AT 07:30 in Los Angeles is 15:30 UTC.
  const before = new Date('2026-12-02T15:29:00Z');
  const atTime = new Date('2026-12-02T15:30:00Z');

  it('goes once, at the configured clinic time, to opted-in members, with the inbox’s counts and no patient data', async () => {
    smtp = await startSmtpServer();
    await db.query('DELETE FROM requests');
    const english = await member({ summary: true });
    const spanish = await member({ summary: true, locale: 'es' });
    const noSummary = await member({ newRequests: true });
    await member({ summary: true, disabled: true });
    // Seeded: A new for a week (overdue, so also due today); B new since 07:00 today (within the
    // target); C new for a week with a follow-up this afternoon (due, not overdue); D contacted
    // with a follow-up tomorrow; E closed; F contacted with yesterday's follow-up (due).
    const old = new Date('2026-11-24T18:00:00Z');
    const a = await insertTestRequest(db, { receivedAt: old });
    await insertTestRequest(db, { receivedAt: new Date('2026-12-02T15:00:00Z') });
    const c = await insertTestRequest(db, { receivedAt: old });
    const d = await insertTestRequest(db, { receivedAt: old, status: 'contacted' });
    await insertTestRequest(db, { receivedAt: old, status: 'closed' });
    const f = await insertTestRequest(db, { receivedAt: old, status: 'contacted' });
    const followUp = (id: string, at: string) =>
      db.query('UPDATE requests SET follow_up_at = $2 WHERE id = $1', [id, at]);
    await followUp(c.id, '2026-12-02T22:00:00Z');
    await followUp(d.id, '2026-12-03T18:00:00Z');
    await followUp(f.id, '2026-12-01T18:00:00Z');
    await db.query('DELETE FROM notification_outbox');

    const clock = { now: before };
    const job = (at = '07:30') =>
      createSummaryJob({ db, logger: silent, timeZone: TIME_ZONE, at, now: () => clock.now });
    expect(await job().runOnce()).toBe(0);
    expect(await db.query("SELECT 1 FROM notification_outbox WHERE kind = 'daily_summary'")).toHaveLength(0);

    clock.now = atTime;
    // Two instances look at the clock in the same minute: the day is queued once.
    const queued = await Promise.all([job().runOnce(), job().runOnce()]);
    expect(queued.sort()).toEqual([0, 2]);
    await (await worker(smtp, atTime)).runOnce();
    clock.now = new Date('2026-12-02T23:00:00Z');
    expect(await job().runOnce()).toBe(0);
    await (await worker(smtp, clock.now)).runOnce();

    const mails = smtp.messages;
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([english.email, spanish.email].sort());
    expect(to(mails, noSummary.email)).toEqual([]);
    const [en] = to(mails, english.email);
    expect(en?.subject).toBe('Daily summary: 3 new, 1 overdue');
    expect(en?.body).toContain('The request inbox on Wednesday, December 2, 2026.');
    expect(en?.body).toContain(`New (not answered yet): 3  ${TEST_SITE_URL}/staff/?status=new`);
    expect(en?.body).toContain(
      `Due today (follow-ups due, and new requests past the response target): 3  ${TEST_SITE_URL}/staff/?view=due`,
    );
    expect(en?.body).toContain('Overdue (new, past the response target, nobody tried yet): 1');
    const [es] = to(mails, spanish.email);
    expect(es?.subject).toBe('Resumen del día: 3 nuevas, 1 atrasadas');
    expect(es?.body).toContain('Resumen de la bandeja de solicitudes, miércoles, 2 de diciembre de 2026.');
    expect(es?.body).toContain(`Nuevas (sin respuesta todavía): 3  ${TEST_SITE_URL}/staff/?status=new`);
    for (const [mail, r] of [
      [en, a],
      [es, c],
    ] as const) {
      expectNoPatientData(mail, r.marker);
      expect(mail?.raw).not.toContain(r.reference);
      expect(mail?.raw).not.toContain(r.id);
    }

    // The next clinic day, before its time: nothing yet.
    clock.now = new Date('2026-12-03T15:00:00Z');
    expect(await job().runOnce()).toBe(0);
  });
});
