import { describe, expect, it } from 'vitest';
import { change, conversionRows, funnelFrom, kpisFrom, percent } from './report-figures.ts';

const totals = {
  visitors: 8,
  visits: 10,
  pageviews: 25,
  bounces: 4,
  durationSeconds: 605,
  educationVisits: 6,
  requestPageVisits: 3,
  formStartedVisits: 2,
  submittedVisits: 1,
};

describe('report figures', () => {
  it('derives bounce rate in percent and the average visit length in seconds', () => {
    expect(kpisFrom(totals)).toEqual({
      visitors: 8,
      visits: 10,
      pageviews: 25,
      bounceRate: 40,
      visitDurationSeconds: 61,
    });
    expect(kpisFrom({ ...totals, visits: 0, bounces: 0 })).toMatchObject({
      bounceRate: 0,
      visitDurationSeconds: 0,
    });
  });

  it('builds the funnel as visits per step and percent of all visits', () => {
    expect(funnelFrom(totals).map((s) => [s.step, s.visits, s.percentOfLanding])).toEqual([
      ['landing', 10, 100],
      ['education', 6, 60],
      ['request_page', 3, 30],
      ['form_started', 2, 20],
      ['request_sent', 1, 10],
    ]);
  });

  it('computes conversion rates, percents and changes to one decimal, without dividing by zero', () => {
    const row = {
      value: 'google.com',
      visitors: 3,
      visits: 3,
      pageviews: 5,
      bounces: 0,
      durationSeconds: 0,
      conversions: 1,
      events: 0,
    };
    expect(conversionRows([row])).toEqual([
      { value: 'google.com', visits: 3, conversions: 1, conversionRate: 33.3 },
    ]);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBe(0);
    expect(change(15, 10)).toBe(50);
    expect(change(5, 10)).toBe(-50);
    expect(change(5, 0)).toBeNull();
  });
});
