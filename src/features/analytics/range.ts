/** The dashboard's ranges; "custom" takes from/to. */
export const RANGE_KINDS = ['today', 'yesterday', '7d', '30d', '12m', 'custom'] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

/** Inclusive clinic-local days (YYYY-MM-DD), and how the chart groups them. */
export type DayRange = { from: string; to: string };
/** How a range's chart is grouped: by clinic-local hour (one day), day or month. */
export type Bucket = 'hour' | 'day' | 'month';
export type ReportRange = DayRange & { kind: RangeKind; previous: DayRange; bucket: Bucket };

/** A custom range may span up to ~3 years; longer is refused (it is also no use on a screen). */
export const MAX_RANGE_DAYS = 1100;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD ("2025-02-30" is not). */
export function isIsoDay(value: string | undefined): value is string {
  if (!value || !ISO_DAY.test(value)) return false;
  // A month 13 or a day 32 is an invalid date, whose toISOString would throw.
  const day = toUtc(value);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return new Date(toUtc(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(range: DayRange): number {
  return Math.round((toUtc(range.to).getTime() - toUtc(range.from).getTime()) / DAY_MS) + 1;
}

/** The period of the same length just before `range`: what each figure is compared with. */
export function previousPeriod(range: DayRange): DayRange {
  const length = daysBetween(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** `day` moved by whole months, kept within the month it lands in (31 March - 1 month = 28/29 February). */
export function addMonths(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, last));
  return first.toISOString().slice(0, 10);
}

/**
 * Resolves a dashboard range against the clinic's `today`: today or yesterday (grouped by hour);
 * the last 7 or 30 days; the last 12 months (from the first of the month eleven months back,
 * grouped by month); or a custom from/to. Returns an error message for a bad custom range.
 * @example resolveRange({ kind: '7d' }, '2025-03-10') // { from: '2025-03-04', to: '2025-03-10', previous: { from: '2025-02-25', to: '2025-03-03' }, … }
 */
export function resolveRange(
  input: { kind: string | undefined; from?: string | undefined; to?: string | undefined },
  today: string,
): ReportRange | { error: string } {
  const kind = (input.kind ?? '30d') as RangeKind;
  let range: DayRange;
  switch (kind) {
    case 'today':
      range = { from: today, to: today };
      break;
    case 'yesterday':
      range = { from: addDays(today, -1), to: addDays(today, -1) };
      break;
    case '7d':
      range = { from: addDays(today, -6), to: today };
      break;
    case '30d':
      range = { from: addDays(today, -29), to: today };
      break;
    case '12m': {
      const first = toUtc(`${today.slice(0, 7)}-01`);
      first.setUTCMonth(first.getUTCMonth() - 11);
      range = { from: first.toISOString().slice(0, 10), to: today };
      break;
    }
    case 'custom':
      if (!isIsoDay(input.from) || !isIsoDay(input.to)) return { error: 'Give both dates as YYYY-MM-DD.' };
      if (input.from > input.to) return { error: 'The start date must not be after the end date.' };
      range = { from: input.from, to: input.to };
      if (daysBetween(range) > MAX_RANGE_DAYS) return { error: `Choose at most ${MAX_RANGE_DAYS} days.` };
      break;
    default:
      return { error: 'Unknown range.' };
  }
  // Like with like: the 12 months compare with the same calendar days a year earlier
  // (2026-01-01…2026-12-01 with 2025-01-01…2025-12-01); a rolling range with the one just before.
  const previous =
    kind === '12m'
      ? { from: addMonths(range.from, -12), to: addMonths(range.to, -12) }
      : previousPeriod(range);
  return {
    ...range,
    kind,
    previous,
    bucket: bucketOf(kind, range),
  };
}

// Today and yesterday are read by the hour; a custom single day (what `clinic report` asks for)
// stays one row, so its JSON keeps its shape.
function bucketOf(kind: RangeKind, range: DayRange): Bucket {
  if (kind === 'today' || kind === 'yesterday') return 'hour';
  return daysBetween(range) > 92 ? 'month' : 'day';
}

/** A clinic-local hour's label, as the queries write it (to_char 'HH24:00'). */
export const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/**
 * The to_char pattern of a bucket, applied to a clinic-local timestamp. On the day clocks go
 * back, the repeated hour's two halves share one label; on the day they go forward, one hour
 * stays empty.
 */
export const BUCKET_FORMAT: Record<Bucket, string> = {
  hour: 'HH24:00',
  day: 'YYYY-MM-DD',
  month: 'YYYY-MM',
};

/** Every bucket of a range in order: each hour (HH:00) of a day, each day, or each month as YYYY-MM. */
export function bucketsOf(range: DayRange, bucket: Bucket): string[] {
  if (bucket === 'hour') return HOURS;
  const out: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const key = bucket === 'day' ? day : day.slice(0, 7);
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}
