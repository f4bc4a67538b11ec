import { describe, expect, it } from 'vitest';
import { formatDeadline, responseDeadline } from './response-time.ts';

const LA = 'America/Los_Angeles';
const weekdays = [
  {
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const,
    opens: '08:00',
    closes: '17:00',
  },
];
const hours = weekdays.map((h) => ({ ...h, days: [...h.days] }));
const due = (iso: string, businessHours = 8) =>
  responseDeadline(new Date(iso), hours, LA, businessHours).toISOString();

describe('responseDeadline', () => {
  it('counts only open hours, into the next day, rounded up to the hour', () => {
    // Tue 3:12 PM PST: 1 h 48 min today, 6 h 12 min on Wednesday → 2:12 PM → 3 PM.
    expect(due('2026-11-24T23:12:00Z')).toBe('2026-11-25T23:00:00.000Z');
    // Tue 9:00 AM: 8 hours later is 5 PM the same day.
    expect(due('2026-11-24T17:00:00Z')).toBe('2026-11-25T01:00:00.000Z');
  });

  it('starts at opening time when a request arrives at night, and skips the weekend', () => {
    // Tue 11 PM → Wed 8 AM + 8 h = Wed 4 PM.
    expect(due('2026-11-25T07:00:00Z')).toBe('2026-11-26T00:00:00.000Z');
    // Fri 27 Nov, 4 PM: 1 h on Friday, 7 h on Monday the 30th → 3 PM.
    expect(due('2026-11-28T00:00:00Z')).toBe('2026-11-30T23:00:00.000Z');
    // Saturday → Monday 4 PM.
    expect(due('2026-11-28T20:00:00Z')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('follows daylight-saving time in the clinic time zone', () => {
    // Fri 6 March 2026, 4 PM PST; clocks go forward on Sunday 8 March; Mon 3 PM is PDT (UTC-7).
    expect(due('2026-03-07T00:00:00Z')).toBe('2026-03-09T22:00:00.000Z');
  });

  it('uses several opening intervals a day, and gives up gracefully on a schedule with none', () => {
    const split = [
      { days: ['Monday' as const], opens: '08:00', closes: '12:00' },
      { days: ['Monday' as const], opens: '13:00', closes: '17:00' },
    ];
    // Mon 10 AM + 3 h: 2 h before lunch, 1 h after → 2 PM.
    expect(responseDeadline(new Date('2026-11-23T18:00:00Z'), split, LA, 3).toISOString()).toBe(
      '2026-11-23T22:00:00.000Z',
    );
    expect(responseDeadline(new Date('2026-11-23T18:00:00Z'), [], LA, 3).toISOString()).toBe(
      '2026-11-23T21:00:00.000Z',
    );
  });
});

describe('formatDeadline', () => {
  it('says the day, time and time zone in the page language', () => {
    const at = new Date('2026-11-25T23:00:00Z');
    expect(formatDeadline(at, 'en', LA)).toBe('Wednesday, November 25, 3:00 PM Pacific Time');
    expect(formatDeadline(at, 'es', LA)).toBe('miércoles, 25 de noviembre, 3:00 p.m. hora del Pacífico');
  });
});
