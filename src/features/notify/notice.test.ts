import { describe, expect, it } from 'vitest';
import {
  composeNoticeEmail,
  composeSummaryEmail,
  planDelivery,
  DEFAULT_RETRY_POLICY,
  describeSendError,
  nextAttemptAt,
  requestLink,
} from './notice.ts';
import { summaryDayDue } from './summary-job.ts';

const notice = {
  requestId: 'b3c1d2e4-0000-4000-8000-000000000001',
  locale: 'es' as const,
  receivedAt: new Date('2025-03-04T17:15:00Z'),
};
const where = { siteUrl: 'https://clinic.example', timeZone: 'America/Los_Angeles' };

describe('composeNoticeEmail', () => {
  it('names the request, its language and the clinic-local time, and links to sign in', () => {
    const email = composeNoticeEmail(notice, where);
    expect(email.subject).toBe(`New confidential request ${notice.requestId}`);
    expect(email.link).toBe(`https://clinic.example/staff/requests/${notice.requestId}`);
    expect(email.text).toContain(`Request: ${notice.requestId}`);
    expect(email.text).toContain('Language: Spanish');
    expect(email.text).toContain('Received: Tuesday, March 4, 2025 at 9:15 AM');
    expect(email.text).toContain(`Sign in to read it: ${email.link}`);
  });

  it('says English for a request from the English form', () => {
    expect(composeNoticeEmail({ ...notice, locale: 'en' }, where).text).toContain('Language: English');
  });

  it('escapes an id into the link rather than letting it change the path', () => {
    expect(requestLink('https://clinic.example', 'a/b?c')).toBe(
      'https://clinic.example/staff/requests/a%2Fb%3Fc',
    );
  });
});

describe('nextAttemptAt', () => {
  const policy = { baseMs: 1_000, maxMs: 10_000, maxAttempts: 6 };
  const now = new Date(0);

  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptAt(n, now, policy)?.getTime())).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('caps the delay at maxMs', () => {
    expect(nextAttemptAt(5, now, policy)?.getTime()).toBe(10_000);
  });

  it('gives up once maxAttempts attempts have failed', () => {
    expect(nextAttemptAt(6, now, policy)).toBeNull();
  });

  it('by default retries for hours before giving up', () => {
    let total = 0;
    for (let n = 1; n < DEFAULT_RETRY_POLICY.maxAttempts; n++) {
      total += (nextAttemptAt(n, now, DEFAULT_RETRY_POLICY) as Date).getTime();
    }
    expect(total / 3_600_000).toBeGreaterThan(12);
  });
});

describe('describeSendError', () => {
  it('keeps the error kind, codes, command and server reply on one bounded line', () => {
    const error = Object.assign(new Error('Message failed: 451 Try again later'), {
      code: 'EMESSAGE',
      responseCode: 451,
      command: 'DATA',
      response: '451 Try again later\r\nsecond line',
    });
    expect(describeSendError(error)).toBe('Error EMESSAGE 451 after DATA 451 Try again later second line');
    expect(describeSendError({ response: 'x'.repeat(1000) })).toHaveLength(300);
  });

  it('copes with something thrown that is not an Error', () => {
    expect(describeSendError('boom')).toBe('Error');
  });
});

describe('composeNoticeEmail in Spanish', () => {
  it('says the same in Spanish for a member who reads Spanish', () => {
    const email = composeNoticeEmail({ ...notice, locale: 'en' }, { ...where, to: 'es' });
    expect(email.subject).toBe(`Nueva solicitud confidencial ${notice.requestId}`);
    expect(email.text).toContain('Idioma: inglés');
    expect(email.text).toContain('Recibida: martes, 4 de marzo de 2025');
  });
});

describe('composeSummaryEmail', () => {
  it('gives the counts, each with its inbox link, and nothing else', () => {
    const email = composeSummaryEmail(
      { new: 4, dueToday: 2, overdue: 1 },
      { siteUrl: 'https://clinic.example', day: '2026-12-02', to: 'en' },
    );
    expect(email.subject).toBe('Daily summary: 4 new, 1 overdue');
    expect(email.text).toContain('The request inbox on Wednesday, December 2, 2026.');
    expect(email.text).toContain('New (not answered yet): 4  https://clinic.example/staff/?status=new');
    expect(email.link).toBe('https://clinic.example/staff/');
  });
});

describe('planDelivery', () => {
  const row = { ...notice, kind: 'new_request' as const, recipient: null };
  const member = { id: 'm', email: 'Desk@Clinic.example', locale: 'es' as const, wanted: true };
  const smtp = { clinicAddress: 'desk@clinic.example', mails: true };
  it('sends the clinic’s notice to NOTIFY_TO in English, and a member’s in their language', () => {
    expect(planDelivery(row, smtp)).toEqual({ to: 'desk@clinic.example', locale: 'en' });
    const other = { ...member, email: 'ana@clinic.example' };
    expect(planDelivery({ ...row, recipient: other }, smtp)).toEqual({
      to: 'ana@clinic.example',
      locale: 'es',
    });
  });
  it('skips a member whose address is NOTIFY_TO (whatever its case), who opted out, or every member without SMTP', () => {
    expect(planDelivery({ ...row, recipient: member }, smtp)).toHaveProperty('skip');
    const other = { ...member, email: 'ana@clinic.example' };
    expect(planDelivery({ ...row, recipient: { ...other, wanted: false } }, smtp)).toHaveProperty('skip');
    expect(planDelivery({ ...row, recipient: other }, { clinicAddress: null, mails: false })).toHaveProperty(
      'skip',
    );
    expect(planDelivery(row, { clinicAddress: null, mails: false })).toEqual({ to: '', locale: 'en' });
  });
  it('sends a member their summary even when their address is NOTIFY_TO (NOTIFY_TO gets none)', () => {
    expect(planDelivery({ ...row, kind: 'daily_summary', recipient: member }, smtp)).toEqual({
      to: 'Desk@Clinic.example',
      locale: 'es',
    });
  });
});

describe('summaryDayDue', () => {
  it('is the clinic day once its DAILY_SUMMARY_AT has come, in the clinic’s zone', () => {
    expect(summaryDayDue(new Date('2026-12-02T15:29:59Z'), '07:30', 'America/Los_Angeles')).toBeNull();
    expect(summaryDayDue(new Date('2026-12-02T15:30:00Z'), '07:30', 'America/Los_Angeles')).toBe(
      '2026-12-02',
    );
    // 23:00 in Los Angeles is already the next day in UTC.
    expect(summaryDayDue(new Date('2026-12-03T07:00:00Z'), '07:30', 'America/Los_Angeles')).toBe(
      '2026-12-02',
    );
    // Summer time: 07:30 PDT is 14:30 UTC.
    expect(summaryDayDue(new Date('2026-07-01T14:30:00Z'), '07:30', 'America/Los_Angeles')).toBe(
      '2026-07-01',
    );
  });
});
