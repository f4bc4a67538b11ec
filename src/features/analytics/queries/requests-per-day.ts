import type { Database } from '../../../db/client.ts';
import { bucketsOf, type DayRange } from '../range.ts';

export type RequestsPoint = { period: string; requests: number };

/**
 * Requests received per clinic-local day (or month), from the intake's `requests` table: a
 * count by received_at and nothing else; no column that could describe a patient is read.
 * Every bucket of the range is present.
 */
export async function countRequestsPerDay(
  db: Database,
  range: DayRange,
  timeZone: string,
  bucket: 'day' | 'month' = 'day',
): Promise<RequestsPoint[]> {
  const rows = await db.query<RequestsPoint>(
    `SELECT to_char((received_at AT TIME ZONE $3)::date, $4) AS "period", count(*)::int AS "requests"
     FROM requests
     WHERE received_at >= ($1::date::timestamp AT TIME ZONE $3)
       AND received_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
     GROUP BY 1`,
    [range.from, range.to, timeZone, bucket === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'],
  );
  const found = new Map(rows.map((r) => [r.period, r.requests]));
  return bucketsOf(range, bucket).map((period) => ({ period, requests: found.get(period) ?? 0 }));
}
