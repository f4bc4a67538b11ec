/**
 * The retention rule: a request closed for longer than the clinic's retention period
 * (clinic.config.json `retentionDays`) loses what the patient typed and the notes about it.
 * Pure: `now` comes in.
 */

/**
 * Requests closed before this instant are due for purging.
 * @example retentionCutoff(new Date('2026-11-25T00:00:00Z'), 30) // 2026-10-26T00:00:00.000Z
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError('The retention period must be a whole number of days, at least 1.');
  }
  return new Date(now.getTime() - retentionDays * 86_400_000);
}
