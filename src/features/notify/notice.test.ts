import { describe, expect, it } from 'vitest';
import {
  composeNoticeEmail,
  DEFAULT_RETRY_POLICY,
  describeSendError,
  nextAttemptAt,
  requestLink,
} from './notice.ts';

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
