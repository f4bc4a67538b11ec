import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { dailySummaryCounts } from '../inbox/index.ts';
import { reportForDays } from '../analytics/index.ts';
import { analyticsTestApp, sendEvent, sendScenario, testClock } from '../analytics/test-fixtures.ts';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { insertTestRequest, insertTestStaff } from '../../../tests/setup/inbox-fixtures.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/setup/smtp.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { testPublicSite, TEST_SITE_URL } from '../../../tests/setup/test-app.ts';
import { createSmtpSender, smtpTransport } from './senders.ts';
import { createWeeklySummaryJob } from './summary-job.ts';
import { createNotifyWorker } from './worker.ts';

const NOTIFY_TO = 'frontdesk@clinic.test';
const TIME_ZONE = 'America/Los_Angeles';
const silent = createLogger('silent');
let db: TestDatabase;
let smtp: TestSmtpServer;

beforeAll(async () => {
  db = await openTestDatabase();
  await setUpClinic(db);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await db?.close();
});

async function member(role: string, weekly: boolean, locale: 'en' | 'es' = 'en') {
  const email = `${role}-${weekly ? 'in' : 'out'}-${locale}-${process.pid}@clinic.test`;
  const id = await insertTestStaff(db, email, role);
  await db.query('UPDATE staff SET notify_weekly_summary = $2, locale = $3 WHERE id = $1', [
    id,
    weekly,
    locale,
  ]);
  return { id, email };
}

async function worker(now: Date) {
  const site = (await testPublicSite()).site;
  return createNotifyWorker({
    db,
    send: createSmtpSender(smtpTransport(smtp.url), { from: NOTIFY_TO, clinicAddress: NOTIFY_TO }),
    logger: silent,
    siteUrl: TEST_SITE_URL,
    timeZone: TIME_ZONE,
    summaryCounts: (at) => dailySummaryCounts(db, site, at),
    weeklyReport: (week) => reportForDays(db, week, TIME_ZONE),
    now: () => now,
  });
}

describe('the weekly analytics summary, over real SMTP', () => {
  // The clinic week Monday 2026-11-23 to Sunday 11-29 goes out on Monday 11-30 at 07:30 Los
  // Angeles time (15:30 UTC); the week before is 11-16 to 11-22.
  const beforeTime = new Date('2026-11-30T15:29:00Z');
  const atTime = new Date('2026-11-30T15:30:00Z');

  it('goes on Monday once per member, to admins and marketing who asked, with the dashboard’s figures and no patient data', async () => {
    // Traffic: the week before, one Google ad visit; the week, the scenario (three visitors, a
    // Google ad visit that sends the form); requests stored in each week.
    const clock = testClock('2026-11-18T19:00:00Z');
    const analytics = analyticsTestApp(db, await testPublicSite(), clock);
    const ad = { n: 'pageview', u: '/en/?utm_source=google&utm_medium=cpc&utm_campaign=spring' };
    expect((await sendEvent(analytics.app, ad, { address: '203.0.113.50' })).status).toBe(202);
    clock.now = new Date('2026-11-25T19:00:00Z');
    await sendScenario(analytics.app, clock);
    await analytics.settle();
    const requests = [
      await insertTestRequest(db, { receivedAt: new Date('2026-11-19T18:00:00Z') }),
      await insertTestRequest(db, { receivedAt: new Date('2026-11-24T18:00:00Z') }),
      await insertTestRequest(db, { receivedAt: new Date('2026-11-27T18:00:00Z') }),
    ];
    await db.query('DELETE FROM notification_outbox');

    const admin = await member('admin', true);
    const marketing = await member('marketing', true, 'es');
    const optedOut = await member('marketing', false);
    // Opted in before a role change (or by a forged post): a coordinator is never sent it.
    const coordinator = await member('coordinator', true);

    const job = (now: Date) =>
      createWeeklySummaryJob({ db, logger: silent, timeZone: TIME_ZONE, at: '07:30', now: () => now });
    // Monday before the time: the week before that is due (nothing yet queued: its marker, no one).
    await job(beforeTime).runOnce();
    expect(
      await db.query(
        "SELECT 1 FROM notification_outbox WHERE kind = 'weekly_summary' AND request_id = '2026-11-23'",
      ),
    ).toHaveLength(0);
    await db.query('DELETE FROM notification_outbox');

    // Two instances at the time, then a restart later that week: queued once for each member.
    const queued = await Promise.all([job(atTime).runOnce(), job(atTime).runOnce()]);
    expect(queued.sort()).toEqual([0, 2]);
    await Promise.all([(await worker(atTime)).runOnce(), (await worker(atTime)).runOnce()]);
    const thursday = new Date('2026-12-03T20:00:00Z');
    expect(await job(thursday).runOnce()).toBe(0);
    await (await worker(thursday)).runOnce();

    const mails = smtp.messages;
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([admin.email, marketing.email].sort());
    for (const other of [optedOut, coordinator])
      expect(mails.filter((m) => m.to.includes(other.email))).toEqual([]);

    // The numbers: exactly the dashboard's report of that week.
    const report = await reportForDays(db, { from: '2026-11-23', to: '2026-11-29' }, TIME_ZONE);
    expect([report.visitors, report.previous.visitors]).toEqual([3, 1]);
    expect([report.requests.total, report.requests.previousTotal]).toEqual([2, 1]);

    const en = mails.find((m) => m.to.includes(admin.email));
    expect(en?.subject).toMatch(/^Weekly analytics, Nov 23\s–\s29, 2026: 3 visitors, 2 requests sent$/u);
    expect(en?.body).toContain('Visitors: 3 (1)');
    expect(en?.body).toContain('Requests sent: 2 (1)');
    const week = `${TEST_SITE_URL}/staff/analytics?range=custom&from=2026-11-23&to=2026-11-29`;
    expect(en?.body).toContain(
      `1. google / cpc / spring: 1 → 1 → 1 → 1 (1, 0)  ${week}&source=google&medium=cpc&campaign=spring`,
    );
    expect(en?.body).toContain(`The week on the dashboard: ${week}`);
    const es = mails.find((m) => m.to.includes(marketing.email));
    expect(es?.subject).toMatch(
      /^Analítica semanal, 23–29 de nov de 2026: 3 visitantes, 2 solicitudes enviadas$/u,
    );
    expect(es?.body).toContain('Visitantes: 3 (1)');
    expect(es?.body).toContain('Solicitudes enviadas: 2 (1)');
    expect(es?.body).toContain(`La semana en el panel: ${week}`);

    const google = report.campaigns.find((c) => c.source === 'google');
    expect(google).toMatchObject({ visits: 1, request_page: 1, form_started: 1, requests_sent: 1 });
    expect(google?.previous).toEqual({ visits: 1, requests_sent: 0 });

    for (const mail of [en, es]) {
      for (const r of requests) {
        expect(mail?.raw.toLowerCase()).not.toContain(r.marker.toLowerCase());
        expect(mail?.raw).not.toContain(r.reference);
        expect(mail?.raw).not.toContain(r.id);
      }
      for (const piece of ['2135550142', '555-0142', '@example.com']) expect(mail?.raw).not.toContain(piece);
    }

    // The rows: a marker and one per member, each sent once.
    const rows = await db.query<{ recipient_id: string | null; status: string }>(
      "SELECT recipient_id::text AS recipient_id, status FROM notification_outbox WHERE kind = 'weekly_summary' AND request_id = '2026-11-23'",
    );
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'sent', 'sent']);
  });
});
