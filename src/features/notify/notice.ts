/**
 * The pure core of staff notifications: what a notice e-mail says, when a failed send is retried,
 * and how a send error is recorded. No I/O here; time comes in as `now`.
 */

/** What the outbox knows about a new request: nothing the patient typed. */
export type NewRequestNotice = { requestId: string; locale: 'en' | 'es'; receivedAt: Date };

export type NoticeEmail = { subject: string; text: string; link: string };

const LANGUAGE_NAMES = { en: 'English', es: 'Spanish' } as const;

/** Where a coordinator reads the request once signed in; the id is the only thing in the URL. */
export function requestLink(siteUrl: string, requestId: string): string {
  return new URL(`/staff/requests/${encodeURIComponent(requestId)}`, siteUrl).toString();
}

/**
 * The staff e-mail for a new request. It names the request, its page language and the time it
 * arrived (in the clinic's time zone), and links to sign in: nothing else, by design.
 * @example composeNoticeEmail(notice, { siteUrl: 'https://clinic.example', timeZone: 'America/Los_Angeles' })
 */
export function composeNoticeEmail(
  notice: NewRequestNotice,
  options: { siteUrl: string; timeZone: string },
): NoticeEmail {
  const link = requestLink(options.siteUrl, notice.requestId);
  const received = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(notice.receivedAt);
  const text = [
    'A new confidential request arrived through the website.',
    '',
    `Request: ${notice.requestId}`,
    `Language: ${LANGUAGE_NAMES[notice.locale]}`,
    `Received: ${received}`,
    '',
    `Sign in to read it: ${link}`,
    '',
    'This e-mail holds no patient information on purpose: the request stays sealed until you sign in.',
  ].join('\n');
  return { subject: `New confidential request ${notice.requestId}`, text, link };
}

/** How failed sends are retried: exponential delays from `baseMs`, capped at `maxMs`. */
export type RetryPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

/** 30 s, 1 min, 2 min … then hourly; 20 attempts cover about 14 hours of an SMTP outage. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 20 };

/**
 * After the `attempts`-th failed send: when to try again, or null once the attempts are used up.
 * @example nextAttemptAt(2, new Date(0), DEFAULT_RETRY_POLICY) // 60 s after `now`
 */
export function nextAttemptAt(attempts: number, now: Date, policy: RetryPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.maxMs);
  return new Date(now.getTime() + delay);
}

/**
 * A short, single-line record of why a send failed: the error's kind and codes and the SMTP
 * server's reply. The notice holds no patient data, so neither can the reply to it.
 */
export function describeSendError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const parts = [
    typeof e.name === 'string' ? e.name : 'Error',
    typeof e.code === 'string' ? e.code : undefined,
    typeof e.responseCode === 'number' ? String(e.responseCode) : undefined,
    typeof e.command === 'string' ? `after ${e.command}` : undefined,
    typeof e.response === 'string' ? e.response : undefined,
  ];
  return parts
    .filter((p): p is string => p !== undefined)
    .join(' ')
    .replace(/[\p{Cc}]+/gu, ' ')
    .slice(0, 300);
}
