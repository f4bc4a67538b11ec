/**
 * The weekly analytics summary's pure core: which clinic week is due, the figures it takes from
 * the dashboard's report, and what the e-mail says. Counts, campaign names and dashboard links
 * only: the analytics hold no patient data, and neither does this.
 */
import type { Locale } from '../../i18n/locales.ts';
import { dateTimeFormat } from '../../lib/date-format.ts';
import { instantOf, wallClock } from '../../lib/zoned-time.ts';
import type { NoticeEmail } from './notice.ts';

/** A clinic week, Monday to Sunday ("YYYY-MM-DD" each); the Monday is its outbox key. */
export type ClinicWeek = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const DAY_MS = 86_400_000;
const parseDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

/** The week that begins on Monday `monday`. */
export function clinicWeek(monday: string): ClinicWeek {
  return { from: monday, to: dayOf(parseDay(monday) + 6 * DAY_MS) };
}

/**
 * The clinic week whose summary is due at `now`: the last whole week (Monday to Sunday, clinic
 * time) once its following Monday has passed `at` ("HH:MM"). Before that time on a Monday it is
 * the week before, already sent; so a server that was down on Monday sends the week's summary
 * when it is back, any day of that week. Pure.
 * @example weeklySummaryDue(new Date('2026-11-30T15:30:00Z'), '07:30', 'America/Los_Angeles') // { from: '2026-11-23', to: '2026-11-29' }
 */
export function weeklySummaryDue(now: Date, at: string, timeZone: string): ClinicWeek {
  const today = wallClock(now, timeZone);
  const todayMs = Date.UTC(today.year, today.month - 1, today.day);
  // getUTCDay: Sunday 0 … Saturday 6; days since this week's Monday.
  let monday = todayMs - ((new Date(todayMs).getUTCDay() + 6) % 7) * DAY_MS;
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const m = new Date(monday);
  const due = instantOf(
    { year: m.getUTCFullYear(), month: m.getUTCMonth() + 1, day: m.getUTCDate(), hour, minute },
    timeZone,
  );
  if (now.getTime() < due.getTime()) monday -= 7 * DAY_MS;
  return clinicWeek(dayOf(monday - 7 * DAY_MS));
}

/** One campaign's week: its funnel counts, and the week before's visits and requests. */
export type WeeklyCampaign = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  visits: number;
  request_page: number;
  form_started: number;
  requests_sent: number;
  previous: { visits: number; requests_sent: number };
};

/** What the weekly e-mail says, read from the dashboard's report of the week. */
export type WeeklyFigures = {
  week: ClinicWeek;
  previousWeek: ClinicWeek;
  visitors: number;
  previousVisitors: number;
  /** Requests sent through the form (the dashboard's "Requests"). */
  requests: number;
  previousRequests: number;
  /** The campaigns with the most visits (visits with no source, medium or campaign left out). */
  campaigns: WeeklyCampaign[];
};

/** How many campaigns the e-mail lists. */
export const WEEKLY_TOP_CAMPAIGNS = 5;

/** The report's fields the e-mail reads (AnalyticsReport has them all). */
export type WeeklyReport = {
  range: ClinicWeek;
  previousRange: ClinicWeek;
  visitors: number;
  previous: { visitors: number };
  requests: { total: number; previousTotal: number };
  campaigns: WeeklyCampaign[];
};

/** The e-mail's figures from the dashboard's report of the week. */
export function weeklyFiguresFrom(report: WeeklyReport): WeeklyFigures {
  return {
    week: { from: report.range.from, to: report.range.to },
    previousWeek: { from: report.previousRange.from, to: report.previousRange.to },
    visitors: report.visitors,
    previousVisitors: report.previous.visitors,
    requests: report.requests.total,
    previousRequests: report.requests.previousTotal,
    campaigns: report.campaigns
      .filter((c) => c.source !== null || c.medium !== null || c.campaign !== null)
      .slice(0, WEEKLY_TOP_CAMPAIGNS)
      .map((c) => ({
        source: c.source,
        medium: c.medium,
        campaign: c.campaign,
        visits: c.visits,
        request_page: c.request_page,
        form_started: c.form_started,
        requests_sent: c.requests_sent,
        previous: { visits: c.previous.visits, requests_sent: c.previous.requests_sent },
      })),
  };
}

/** The dashboard for `week`, narrowed to one campaign when given (the dashboard's own filters). */
export function weeklyDashboardLink(siteUrl: string, week: ClinicWeek, campaign?: WeeklyCampaign): string {
  const url = new URL('/staff/analytics', siteUrl);
  url.searchParams.set('range', 'custom');
  url.searchParams.set('from', week.from);
  url.searchParams.set('to', week.to);
  for (const key of ['source', 'medium', 'campaign'] as const) {
    const value = campaign?.[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

const WORDS = {
  en: {
    subject: (f: WeeklyFigures, week: string) =>
      `Weekly analytics, ${week}: ${f.visitors} visitors, ${f.requests} requests sent`,
    intro: (week: string, before: string) =>
      `The website in the week of ${week} (Monday to Sunday); in brackets, the week before (${before}).`,
    visitors: 'Visitors',
    requests: 'Requests sent',
    campaigns:
      'Top campaigns (source / medium / campaign): visits → reached the request page → started the form → sent a request; in brackets the week before’s visits and requests.',
    none: 'No visits came from a campaign this week.',
    dashboard: 'The week on the dashboard',
    footer: 'This e-mail holds counts only, on purpose: no names or other patient information.',
  },
  es: {
    subject: (f: WeeklyFigures, week: string) =>
      `Analítica semanal, ${week}: ${f.visitors} visitantes, ${f.requests} solicitudes enviadas`,
    intro: (week: string, before: string) =>
      `El sitio web en la semana del ${week} (de lunes a domingo); entre paréntesis, la semana anterior (${before}).`,
    visitors: 'Visitantes',
    requests: 'Solicitudes enviadas',
    campaigns:
      'Campañas principales (fuente / medio / campaña): visitas → llegaron a la página de solicitud → empezaron el formulario → enviaron una solicitud; entre paréntesis, las visitas y solicitudes de la semana anterior.',
    none: 'Ninguna visita llegó por una campaña esta semana.',
    dashboard: 'La semana en el panel',
    footer: 'Este correo solo lleva cifras, a propósito: ningún nombre ni dato de pacientes.',
  },
} as const;

/** "Nov 23 – 29, 2026" in the reader's language. */
function weekText(week: ClinicWeek, to: Locale): string {
  const noon = (day: string) => new Date(parseDay(day) + 12 * 3_600_000);
  return dateTimeFormat(DATE_LOCALES[to], { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
    noon(week.from),
    noon(week.to),
  );
}

/**
 * The weekly analytics e-mail in the reader's language: visitors and requests sent, the top
 * campaigns with their funnel counts, each beside the week before, and links to the dashboard
 * filtered to that week (and campaign).
 * @example composeWeeklySummaryEmail(figures, { siteUrl: 'https://clinic.example', to: 'en' })
 */
export function composeWeeklySummaryEmail(
  figures: WeeklyFigures,
  options: { siteUrl: string; to: Locale },
): NoticeEmail {
  const w = WORDS[options.to];
  const week = weekText(figures.week, options.to);
  const link = weeklyDashboardLink(options.siteUrl, figures.week);
  const name = (c: WeeklyCampaign) => [c.source, c.medium, c.campaign].map((v) => v ?? '(none)').join(' / ');
  const campaigns = figures.campaigns.map(
    (c, i) =>
      `${i + 1}. ${name(c)}: ${c.visits} → ${c.request_page} → ${c.form_started} → ${c.requests_sent}` +
      ` (${c.previous.visits}, ${c.previous.requests_sent})  ${weeklyDashboardLink(options.siteUrl, figures.week, c)}`,
  );
  const text = [
    w.intro(week, weekText(figures.previousWeek, options.to)),
    '',
    `${w.visitors}: ${figures.visitors} (${figures.previousVisitors})`,
    `${w.requests}: ${figures.requests} (${figures.previousRequests})`,
    '',
    w.campaigns,
    ...(campaigns.length > 0 ? campaigns : [w.none]),
    '',
    `${w.dashboard}: ${link}`,
    '',
    w.footer,
  ].join('\n');
  return { subject: w.subject(figures, week), text, link };
}
