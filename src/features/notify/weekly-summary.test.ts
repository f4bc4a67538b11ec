import { describe, expect, it } from 'vitest';
import { clinicWeek, weeklySummaryDue } from './weekly-summary.ts';

const LA = 'America/Los_Angeles';

describe('the clinic week whose summary is due', () => {
  it.each([
    // Monday 2026-11-30, 07:30 in Los Angeles is 15:30 UTC.
    ['2026-11-30T15:29:00Z', '2026-11-16'], // Monday, a minute early: the week before last (already sent)
    ['2026-11-30T15:30:00Z', '2026-11-23'], // Monday at the time: last week
    ['2026-12-06T07:59:00Z', '2026-11-23'], // Saturday night in LA, already Sunday in UTC
    ['2026-12-07T07:59:00Z', '2026-11-23'], // Sunday 23:59 in LA: still last week's
    ['2026-12-07T15:30:00Z', '2026-11-30'], // the next Monday at the time
  ])('at %s it is the week of %s (Monday to Sunday, clinic time)', (now, monday) => {
    expect(weeklySummaryDue(new Date(now), '07:30', LA).from).toBe(monday);
  });

  it('follows the clinic clock across a daylight-saving change, and spans seven days', () => {
    // 2026-11-01 (a Sunday) ends daylight saving in Los Angeles: Monday 11-02 07:30 is 15:30 UTC.
    expect(weeklySummaryDue(new Date('2026-11-02T15:29:00Z'), '07:30', LA).from).toBe('2026-10-19');
    expect(weeklySummaryDue(new Date('2026-11-02T15:30:00Z'), '07:30', LA)).toEqual({
      from: '2026-10-26',
      to: '2026-11-01',
    });
    expect(clinicWeek('2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});
