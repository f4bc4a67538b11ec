import type { Clinic } from '../../config/clinic.ts';
import { dateTimeFormat } from '../../lib/date-format.ts';
import { instantOf, wallClock } from '../../lib/zoned-time.ts';

/**
 * When the clinic promises to answer a request: a number of business hours after it arrived,
 * counted only while the clinic is open (clinic.config.json `hours`, in its `timeZone`).
 * Pure: the arrival time comes in. Holidays are not known, so the page says "business hours".
 */

type Hours = Clinic['hours'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Wall-clock date and minutes since midnight of an instant in the clinic's zone. */
function zonedParts(instant: Date, timeZone: string) {
  const w = wallClock(instant, timeZone);
  return { year: w.year, month: w.month, day: w.day, minutes: w.hour * 60 + w.minute };
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
        return instantOf(
          {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: 0,
            minute: due,
          },
          timeZone,
        );
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
    dateTimeFormat(DATE_LOCALE[locale], { timeZone, ...options });
  const day = fmt({ weekday: 'long', month: 'long', day: 'numeric' }).format(deadline);
  const time = fmt({ hour: 'numeric', minute: '2-digit' }).format(deadline);
  const zone =
    fmt({ timeZoneName: 'longGeneric' })
      .formatToParts(deadline)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${day}, ${time} ${zone}`;
}
