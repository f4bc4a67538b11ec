import { describe, expect, it } from 'vitest';
import { addDays, addMonths, bucketsOf, daysBetween, isIsoDay, resolveRange } from './range.ts';

const today = '2025-03-10';

describe('resolveRange', () => {
  it('resolves today, 7 and 30 days, each with the previous period of the same length', () => {
    expect(resolveRange({ kind: 'today' }, today)).toMatchObject({
      from: today,
      to: today,
      previous: { from: '2025-03-09', to: '2025-03-09' },
      bucket: 'hour',
    });
    expect(resolveRange({ kind: 'yesterday' }, today)).toMatchObject({
      from: '2025-03-09',
      to: '2025-03-09',
      previous: { from: '2025-03-08', to: '2025-03-08' },
      bucket: 'hour',
    });
    // A custom single day (what `clinic report --from D --to D` asks) stays one row.
    expect(resolveRange({ kind: 'custom', from: today, to: today }, today)).toMatchObject({ bucket: 'day' });
    expect(resolveRange({ kind: '7d' }, today)).toMatchObject({
      from: '2025-03-04',
      previous: { from: '2025-02-25', to: '2025-03-03' },
    });
    expect(resolveRange({ kind: undefined }, today)).toMatchObject({
      kind: '30d',
      from: '2025-02-09',
      to: today,
    });
  });

  it('takes 12 months from the first of the month eleven months back, grouped by month', () => {
    const range = resolveRange({ kind: '12m' }, today);
    expect(range).toMatchObject({ from: '2024-04-01', to: today, bucket: 'month' });
    if ('error' in range) throw new Error(range.error);
    // The same calendar days a year earlier, not the 365 days before.
    expect(range.previous).toEqual({ from: '2023-04-01', to: '2024-03-10' });
    const december = resolveRange({ kind: '12m' }, '2026-12-01');
    expect(december).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-01',
      previous: { from: '2025-01-01', to: '2025-12-01' },
    });
  });

  it('moves a day by months within the month it lands in', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('accepts a custom range and refuses bad or reversed dates, and spans over ~3 years', () => {
    expect(resolveRange({ kind: 'custom', from: '2025-01-01', to: '2025-01-31' }, today)).toMatchObject({
      previous: { from: '2024-12-01', to: '2024-12-31' },
    });
    expect(resolveRange({ kind: 'custom', from: '2025-02-30', to: '2025-03-01' }, today)).toHaveProperty(
      'error',
    );
    expect(resolveRange({ kind: 'custom', from: '2025-03-02', to: '2025-03-01' }, today)).toHaveProperty(
      'error',
    );
    expect(resolveRange({ kind: 'custom', from: '2020-01-01', to: '2025-01-01' }, today)).toHaveProperty(
      'error',
    );
    expect(resolveRange({ kind: 'custom' }, today)).toHaveProperty('error');
    expect(resolveRange({ kind: 'forever' }, today)).toHaveProperty('error');
  });
});

describe('day arithmetic', () => {
  it('crosses months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween({ from: '2024-03-01', to: '2024-03-31' })).toBe(31);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-3-1')).toBe(false);
  });

  it('lists every hour of a day', () => {
    const hours = bucketsOf({ from: today, to: today }, 'hour');
    expect(hours).toHaveLength(24);
    expect([hours[0], hours[9], hours[23]]).toEqual(['00:00', '09:00', '23:00']);
  });

  it('lists every day, or every month, of a range', () => {
    expect(bucketsOf({ from: '2025-02-27', to: '2025-03-02' }, 'day')).toEqual([
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
      '2025-03-02',
    ]);
    expect(bucketsOf({ from: '2024-12-15', to: '2025-02-01' }, 'month')).toEqual([
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
  });
});
