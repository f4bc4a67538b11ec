import { describe, expect, it } from 'vitest';
import {
  formatClinicTime,
  formatWaiting,
  nextDay,
  parseClinicDay,
  parseLocalInput,
  toLocalInput,
} from './clinic-time.ts';

const LA = 'America/Los_Angeles';

describe('clinic time', () => {
  it('shows and reads times in the clinic zone, not the server one', () => {
    const instant = new Date('2026-11-25T23:12:00Z');
    expect(formatClinicTime(instant, LA)).toBe('Nov 25, 2026, 3:12 PM');
    expect(toLocalInput(instant, LA)).toBe('2026-11-25T15:12');
    expect(parseLocalInput('2026-11-25T15:12', LA)).toEqual(instant);
  });

  it('reads a summer time with daylight saving', () => {
    expect(parseLocalInput('2026-07-04T09:30', LA)).toEqual(new Date('2026-07-04T16:30:00Z'));
  });

  it('refuses what is not a date and time', () => {
    expect(parseLocalInput('2026-02-30T10:00', LA)).toBeNull();
    expect(parseLocalInput('25/11/2026 3 PM', LA)).toBeNull();
    expect(parseLocalInput('2026-11-25T24:00', LA)).toBeNull();
  });

  it('starts a day at clinic midnight', () => {
    expect(parseClinicDay('2026-11-25', LA)).toEqual(new Date('2026-11-25T08:00:00Z'));
    expect(parseClinicDay('2026-11', LA)).toBeNull();
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('formatWaiting', () => {
  it.each([
    [0, '0 min'],
    [45 * 60_000, '45 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 20 * 60_000, '3 h 20 min'],
    [2 * 86_400_000 + 5 * 3_600_000, '2 d 5 h'],
    [7 * 86_400_000, '7 d'],
    [-5000, '0 min'],
  ])('%i ms reads %j', (ms, text) => {
    expect(formatWaiting(ms)).toBe(text);
  });
});
