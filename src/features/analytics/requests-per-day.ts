import type { Database } from '../../db/client.ts';
import { countRequestsByPeriod, type RequestOrigin } from '../requests/index.ts';
import { bucketsOf, type Bucket, type DayRange } from './range.ts';

export type RequestsPoint = { period: string; requests: number };

/**
 * Requests received per clinic-local hour, day or month, counted by the request record's owner: a
 * count by received_at and, when given, the origin its visit recorded; no column that could
 * describe a patient is read. Every bucket of the range is present.
 */
export async function countRequestsPerDay(
  db: Database,
  range: DayRange,
  timeZone: string,
  bucket: Bucket = 'day',
  origin: RequestOrigin = {},
): Promise<RequestsPoint[]> {
  const rows = await countRequestsByPeriod(db, range, timeZone, bucket, origin);
  const found = new Map(rows.map((r) => [r.period, r.requests]));
  return bucketsOf(range, bucket).map((period) => ({ period, requests: found.get(period) ?? 0 }));
}
