/**
 * Wall-clock time in a named time zone, whatever the server's own zone. Pure; used wherever the
 * clinic's local time matters (the thank-you promise, the inbox, the audit filter).
 */
import { dateTimeFormat } from './date-format.ts';

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = dateTimeFormat('en-US', {
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
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The instant a wall-clock time names in a zone; two passes settle daylight-saving changes. */
export function instantOf(w: WallClock, timeZone: string): Date {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let instant = wall;
  for (let pass = 0; pass < 2; pass++) {
    const seen = wallClock(new Date(instant), timeZone);
    instant += wall - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  }
  return new Date(instant);
}
