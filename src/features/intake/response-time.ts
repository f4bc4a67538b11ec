import type { Clinic } from '../../config/clinic.ts';

/**
 * When the clinic promises to answer a request: a number of business hours after it arrived,
 * counted only while the clinic is open (clinic.config.json `hours`, in its `timeZone`).
 * Pure: the arrival time comes in. Holidays are not known, so the page says "business hours".
 */

type Hours = Clinic['hours'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Wall-clock parts of an instant in a time zone. */
function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    minutes: get('hour') * 60 + get('minute'),
  };
}

/** The instant at a wall-clock time in a time zone (two passes settle daylight-saving changes). */
function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let instant = wall;
  for (let pass = 0; pass < 2; pass++) {
    const p = zonedParts(new Date(instant), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes);
    instant += wall - seen;
  }
  return new Date(instant);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The deadline for answering a request that arrived at `receivedAt`, rounded up to the hour.
 * @example responseDeadline(new Date('2026-11-24T23:12:00Z'), clinic.hours, 'America/Los_Angeles', 8)
 *   // Wednesday 25 November, 15:00 Los Angeles time
 */
export function responseDeadline(
  receivedAt: Date,
  hours: Hours,
  timeZone: string,
  businessHours: number,
): Date {
  const start = zonedParts(receivedAt, timeZone);
  let remaining = businessHours * 60;
  // Three weeks is more than any weekly schedule needs; a schedule with no open time ends here too.
  for (let offset = 0; offset < 21; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const weekday = WEEKDAYS[date.getUTCDay()];
    const intervals = hours
      .filter((h) => (h.days as string[]).includes(weekday ?? ''))
      .map((h) => [toMinutes(h.opens), toMinutes(h.closes)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [opens, closes] of intervals) {
      const from = offset === 0 ? Math.max(opens, start.minutes) : opens;
      if (from >= closes) continue;
      if (remaining <= closes - from) {
        const due = Math.min(Math.ceil((from + remaining) / 60) * 60, closes);
        return zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), due, timeZone);
      }
      remaining -= closes - from;
    }
  }
  return new Date(receivedAt.getTime() + businessHours * 3_600_000);
}

const DATE_LOCALE = { en: 'en-US', es: 'es-US' } as const;

/**
 * "Wednesday, November 25, 3:00 PM Pacific Time" / "miércoles, 25 de noviembre, 3:00 p.m. hora del Pacífico".
 */
export function formatDeadline(deadline: Date, locale: 'en' | 'es', timeZone: string): string {
  const fmt = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone, ...options });
  const day = fmt({ weekday: 'long', month: 'long', day: 'numeric' }).format(deadline);
  const time = fmt({ hour: 'numeric', minute: '2-digit' }).format(deadline);
  const zone =
    fmt({ timeZoneName: 'longGeneric' })
      .formatToParts(deadline)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${day}, ${time} ${zone}`;
}
