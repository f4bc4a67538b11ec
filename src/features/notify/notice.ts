/**
 * The pure core of staff notifications: what a notice e-mail says, when a failed send is retried,
 * and how a send error is recorded. No I/O here; time comes in as `now`.
 */
import type { Locale } from '../../i18n/locales.ts';
import { dateTimeFormat } from '../../lib/date-format.ts';

/** What the outbox knows about a new request: nothing the patient typed. */
export type NewRequestNotice = { requestId: string; locale: Locale; receivedAt: Date };

export type NoticeEmail = { subject: string; text: string; link: string };

const LANGUAGE_NAMES: Record<Locale, Record<Locale, string>> = {
  en: { en: 'English', es: 'Spanish' },
  es: { en: 'inglés', es: 'español' },
};

const DATE_LOCALES: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/** Where a coordinator reads the request once signed in; the id is the only thing in the URL. */
export function requestLink(siteUrl: string, requestId: string): string {
  return new URL(`/staff/requests/${encodeURIComponent(requestId)}`, siteUrl).toString();
}

/**
 * The staff e-mail for a new request, in the reader's language (`to`, English by default: the
 * NOTIFY_TO address). It names the request, its page language and the time it arrived (in the
 * clinic's time zone), and links to sign in: nothing else, by design.
 * @example composeNoticeEmail(notice, { siteUrl: 'https://clinic.example', timeZone: 'America/Los_Angeles' })
 */
export function composeNoticeEmail(
  notice: NewRequestNotice,
  options: { siteUrl: string; timeZone: string; to?: Locale },
): NoticeEmail {
  const to = options.to ?? 'en';
  const link = requestLink(options.siteUrl, notice.requestId);
  const received = dateTimeFormat(DATE_LOCALES[to], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(notice.receivedAt);
  const language = LANGUAGE_NAMES[to][notice.locale];
  const text =
    to === 'es'
      ? [
          'Llegó una nueva solicitud confidencial por el sitio web.',
          '',
          `Solicitud: ${notice.requestId}`,
          `Idioma: ${language}`,
          `Recibida: ${received}`,
          '',
          `Inicie sesión para leerla: ${link}`,
          '',
          'Este correo no lleva a propósito ningún dato del paciente: la solicitud sigue sellada hasta que inicie sesión.',
        ]
      : [
          'A new confidential request arrived through the website.',
          '',
          `Request: ${notice.requestId}`,
          `Language: ${language}`,
          `Received: ${received}`,
          '',
          `Sign in to read it: ${link}`,
          '',
          'This e-mail holds no patient information on purpose: the request stays sealed until you sign in.',
        ];
  const subject =
    to === 'es'
      ? `Nueva solicitud confidencial ${notice.requestId}`
      : `New confidential request ${notice.requestId}`;
  return { subject, text: text.join('\n'), link };
}

/** The daily summary's figures: counts only, by the inbox's own definitions. */
export type SummaryCounts = { new: number; dueToday: number; overdue: number };

/** The inbox views the summary links to (paths under SITE_URL). */
export const SUMMARY_LINKS = {
  new: '/staff/?status=new',
  dueToday: '/staff/?view=due',
  overdue: '/staff/?view=due',
};

/**
 * The daily summary e-mail for one clinic day (`day` is "YYYY-MM-DD"): how many requests are new,
 * due today and overdue, each with a link to that view of the inbox. Counts and links only: no
 * name, number or anything else about a patient.
 * @example composeSummaryEmail({ new: 3, dueToday: 2, overdue: 1 }, { siteUrl, day: '2026-12-02', to: 'es' })
 */
export function composeSummaryEmail(
  counts: SummaryCounts,
  options: { siteUrl: string; day: string; to: Locale },
): NoticeEmail {
  const link = (path: string) => new URL(path, options.siteUrl).toString();
  const [year, month, date] = options.day.split('-').map(Number) as [number, number, number];
  const dayText = dateTimeFormat(DATE_LOCALES[options.to], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date, 12)),
  );
  const inbox = link('/staff/');
  if (options.to === 'es') {
    const text = [
      `Resumen de la bandeja de solicitudes, ${dayText}.`,
      '',
      `Nuevas (sin respuesta todavía): ${counts.new}  ${link(SUMMARY_LINKS.new)}`,
      `Para hoy (seguimientos y nuevas fuera de plazo): ${counts.dueToday}  ${link(SUMMARY_LINKS.dueToday)}`,
      `Atrasadas (nuevas, fuera de plazo y sin intento): ${counts.overdue}  ${link(SUMMARY_LINKS.overdue)}`,
      '',
      `Inicie sesión para verlas: ${inbox}`,
      '',
      'Este correo solo lleva cifras, a propósito: ningún nombre ni dato de pacientes.',
    ].join('\n');
    return {
      subject: `Resumen del día: ${counts.new} nuevas, ${counts.overdue} atrasadas`,
      text,
      link: inbox,
    };
  }
  const text = [
    `The request inbox on ${dayText}.`,
    '',
    `New (not answered yet): ${counts.new}  ${link(SUMMARY_LINKS.new)}`,
    `Due today (follow-ups due, and new requests past the response target): ${counts.dueToday}  ${link(SUMMARY_LINKS.dueToday)}`,
    `Overdue (new, past the response target, nobody tried yet): ${counts.overdue}  ${link(SUMMARY_LINKS.overdue)}`,
    '',
    `Sign in to see them: ${inbox}`,
    '',
    'This e-mail holds counts only, on purpose: no names or other patient information.',
  ].join('\n');
  return { subject: `Daily summary: ${counts.new} new, ${counts.overdue} overdue`, text, link: inbox };
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

/** A member who gets their own copy: their address, language, and whether they still want it. */
export type NoticeRecipient = { id: string; email: string; locale: Locale; wanted: boolean };

/**
 * An outbox row as claimed: a new request's notice, a day's summary or a week's analytics summary
 * (`requestId` then holds the day or the week's Monday), and who it is for.
 */
export type OutboxNotice = NewRequestNotice & {
  kind: 'new_request' | 'daily_summary' | 'weekly_summary';
  /** Null: the clinic's NOTIFY_TO address (or, for a summary, the period's marker row). */
  recipient: NoticeRecipient | null;
};

/** Where a claimed row goes, or why it is skipped; `to` is '' when notices only go to the log. */
export type Delivery = { to: string; locale: Locale } | { skip: string };

/**
 * Decides a claimed row's delivery. The NOTIFY_TO address gets every new-request notice, in
 * English, as before; a member who opted in gets their own in their language, unless their
 * address is NOTIFY_TO (one e-mail, not two). Without SMTP only the clinic's notice is logged.
 * @example planDelivery(row, { clinicAddress: 'frontdesk@clinic.example', mails: true })
 */
export function planDelivery(
  row: OutboxNotice,
  sender: { clinicAddress: string | null; mails: boolean },
): Delivery {
  const { recipient } = row;
  if (recipient === null) {
    if (row.kind !== 'new_request') return { skip: 'the period’s summary marker, not an e-mail' };
    if (!sender.mails) return { to: '', locale: 'en' };
    return sender.clinicAddress
      ? { to: sender.clinicAddress, locale: 'en' }
      : { skip: 'NOTIFY_TO is not set' };
  }
  if (!sender.mails) return { skip: 'SMTP_URL is not set' };
  if (!recipient.wanted) return { skip: 'the member no longer wants this e-mail or cannot sign in' };
  const same = sender.clinicAddress?.toLowerCase() === recipient.email.toLowerCase();
  if (row.kind === 'new_request' && same)
    return { skip: 'the member’s address is NOTIFY_TO, which has its own' };
  return { to: recipient.email, locale: recipient.locale };
}
