import { describe, expect, it } from 'vitest';
import { contactPromise } from './contact-promise.ts';
import { formatDeadline } from './response-time.ts';
import { openContactChoice, sealContactChoice } from './thank-you-token.ts';

const clinic = {
  timeZone: 'America/Los_Angeles',
  responseTargetBusinessHours: 8,
  hours: [
    { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], opens: '08:00', closes: '17:00' },
  ],
} as const;
const when = (iso: string, window: Parameters<typeof contactPromise>[2]) => {
  const p = contactPromise(new Date(iso), clinic as never, window);
  return { by: formatDeadline(p.by, 'en', clinic.timeZone), inWindow: p.inWindow };
};

describe('contactPromise: a time inside the chosen part of the day, no earlier than the target', () => {
  // Tuesday 5:00 AM in Los Angeles: the target (8 open hours) is Tuesday 4:00 PM.
  const tuesdayEarly = '2026-11-24T13:00:00Z';

  it('keeps the target when it falls inside the window', () => {
    expect(when(tuesdayEarly, 'afternoon')).toEqual({
      by: 'Tuesday, November 24, 4:00 PM Pacific Time',
      inWindow: true,
    });
    expect(when(tuesdayEarly, 'any')).toEqual({
      by: 'Tuesday, November 24, 4:00 PM Pacific Time',
      inWindow: true,
    });
  });

  it('moves to the end of the next window when the target is outside it: an afternoon patient is not promised 11 AM', () => {
    // Monday 3:00 PM: 2 open hours on Monday, 6 on Tuesday from 8:00, so the target is Tuesday
    // 2:00 PM, after Tuesday morning: the promise is the end of Wednesday morning.
    expect(when('2026-11-23T23:00:00Z', 'morning')).toEqual({
      by: 'Wednesday, November 25, 12:00 PM Pacific Time',
      inWindow: true,
    });
    // Tuesday 3:00 PM: the target is Wednesday 2:00 PM, inside the afternoon: kept.
    expect(when('2026-11-24T23:00:00Z', 'afternoon')).toEqual({
      by: 'Wednesday, November 25, 2:00 PM Pacific Time',
      inWindow: true,
    });
    // Monday 5:00 AM: target Monday 4:00 PM; a morning patient gets Tuesday by noon.
    expect(when('2026-11-23T13:00:00Z', 'morning')).toEqual({
      by: 'Tuesday, November 24, 12:00 PM Pacific Time',
      inWindow: true,
    });
    // Friday 2:00 PM: 3 h on Friday, 5 on Monday, so the target is Monday 1:00 PM, after Monday morning: Tuesday by noon.
    expect(when('2026-11-27T22:00:00Z', 'morning')).toEqual({
      by: 'Tuesday, December 1, 12:00 PM Pacific Time',
      inWindow: true,
    });
  });

  it('says so when the clinic is never open in the chosen part of the day', () => {
    expect(when(tuesdayEarly, 'evening')).toEqual({
      by: 'Tuesday, November 24, 4:00 PM Pacific Time',
      inWindow: false,
    });
    const late = { ...clinic, hours: [{ days: ['Tuesday'], opens: '12:00', closes: '20:00' }] };
    const p = contactPromise(new Date(tuesdayEarly), late as never, 'evening');
    expect(formatDeadline(p.by, 'en', clinic.timeZone)).toBe('Tuesday, November 24, 8:00 PM Pacific Time');
  });
});

describe('the sealed contact choice in the thank-you URL', () => {
  const key = new Uint8Array(32).fill(7);

  it('opens for its own reference only, and shows nothing in clear', () => {
    const token = sealContactChoice('AB12-CD34', { method: 'text', window: 'afternoon' }, key);
    expect(token).toMatch(/^[\w-]{40,120}$/);
    expect(token).not.toMatch(/text|afternoon/);
    expect(openContactChoice('AB12-CD34', token, key)).toEqual({ method: 'text', window: 'afternoon' });
    expect(openContactChoice('AB12-CD35', token, key)).toBeNull();
    expect(openContactChoice('AB12-CD34', token, new Uint8Array(32).fill(8))).toBeNull();
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(openContactChoice('AB12-CD34', altered, key)).toBeNull();
    expect(openContactChoice('AB12-CD34', 'short', key)).toBeNull();
  });

  it('seals the same choice for the same request to the same token (a resent form gets the same page)', () => {
    const a = sealContactChoice('AB12-CD34', { method: 'phone', window: 'morning' }, key);
    expect(sealContactChoice('AB12-CD34', { method: 'phone', window: 'morning' }, key)).toBe(a);
    expect(sealContactChoice('AB12-CD34', { method: 'phone', window: 'evening' }, key)).not.toBe(a);
  });
});
