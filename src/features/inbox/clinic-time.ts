/**
 * Times as staff read and type them: in the clinic's time zone (clinic.config.json `timeZone`),
 * whatever the server's own zone. Pure.
 */
import { dateTimeFormat } from '../../lib/date-format.ts';
import { instantOf, wallClock } from '../../lib/zoned-time.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * "Nov 25, 2026, 3:12 PM" in the clinic's zone, for lists and history.
 * @example formatClinicTime(new Date('2026-11-25T23:12:00Z'), 'America/Los_Angeles') // "Nov 25, 2026, 3:12 PM"
 */
export function formatClinicTime(instant: Date, timeZone: string): string {
  return dateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/** The value of an `<input type="datetime-local">` showing this instant in the clinic's zone. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * Reads a `datetime-local` value ("2026-11-25T15:12") as clinic time; null when it is not one.
 * @example parseLocalInput('2026-11-25T15:12', 'America/Los_Angeles') // 2026-11-25T23:12:00.000Z
 */
export function parseLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  return instantOf({ year, month, day, hour, minute }, timeZone);
}

/**
 * The first instant of a day ("2026-11-25", from `<input type="date">`) in the clinic's zone;
 * null when it is not a date.
 */
export function parseClinicDay(value: string, timeZone: string): Date | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseLocalInput(`${value}T00:00`, timeZone) : null;
}

/** The day after `day` (both "YYYY-MM-DD"), for an inclusive "to" date. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * How long something has waited, short and readable: "45 min", "3 h 20 min", "2 d 5 h".
 * @example formatWaiting(3 * 3_600_000 + 20 * 60_000) // "3 h 20 min"
 */
export function formatWaiting(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
