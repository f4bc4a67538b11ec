import type { Clinic } from '../../config/clinic.ts';
import { instantOf, wallClock } from '../../lib/zoned-time.ts';
import { responseDeadline } from './response-time.ts';

/**
 * What the thank-you page promises: a time inside the part of the day the patient chose, while
 * the clinic is open, and no earlier than the clinic's response target. Pure: times come in.
 */
export type ContactWindow = 'morning' | 'afternoon' | 'evening' | 'any';

/** The parts of the day the form offers, in the clinic's local minutes since midnight. */
export const WINDOW_MINUTES: Record<Exclude<ContactWindow, 'any'>, readonly [number, number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
};

export type ContactPromise = {
  /** The promised latest time. */
  by: Date;
  /** False when the chosen part of the day never meets the opening hours (evening at a clinic closing at 5). */
  inWindow: boolean;
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The first stretch of the chosen window, during opening hours, that ends at or after the
 * response target: the target itself when it falls inside that stretch, else the stretch's end.
 * @example contactPromise(new Date('2026-11-24T23:12:00Z'), clinic, 'morning')
 *   // target Wednesday 3:00 PM, so { by: Thursday 12:00 PM, inWindow: true }
 */
export function contactPromise(
  receivedAt: Date,
  clinic: Pick<Clinic, 'hours' | 'timeZone' | 'responseTargetBusinessHours'>,
  window: ContactWindow,
): ContactPromise {
  const target = responseDeadline(
    receivedAt,
    clinic.hours,
    clinic.timeZone,
    clinic.responseTargetBusinessHours,
  );
  if (window === 'any') return { by: target, inWindow: true };
  const [windowStart, windowEnd] = WINDOW_MINUTES[window];
  const start = wallClock(receivedAt, clinic.timeZone);
  for (let offset = 0; offset < 28; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const weekday = WEEKDAYS[date.getUTCDay()] ?? '';
    const at = (minutes: number) =>
      instantOf(
        {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          hour: 0,
          minute: minutes,
        },
        clinic.timeZone,
      );
    const stretches = clinic.hours
      .filter((h) => (h.days as string[]).includes(weekday))
      .map(
        (h) => [Math.max(toMinutes(h.opens), windowStart), Math.min(toMinutes(h.closes), windowEnd)] as const,
      )
      .filter(([from, to]) => from < to)
      .sort((a, b) => a[0] - b[0]);
    for (const [from, to] of stretches) {
      const end = at(to);
      if (end.getTime() < target.getTime()) continue;
      const begins = at(from);
      return { by: target.getTime() >= begins.getTime() ? target : end, inWindow: true };
    }
  }
  return { by: target, inWindow: false };
}
