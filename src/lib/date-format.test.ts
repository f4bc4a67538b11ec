import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from './date-format.ts';

describe('dateTimeFormat', () => {
  it('makes one formatter per locale and options, and formats like a new one', () => {
    const options = { timeZone: 'America/Los_Angeles', hour: 'numeric', minute: '2-digit' } as const;
    const first = dateTimeFormat('en-US', options);
    expect(dateTimeFormat('en-US', { ...options })).toBe(first);
    expect(dateTimeFormat('en-US', { ...options, timeZone: 'UTC' })).not.toBe(first);
    const at = new Date('2026-11-25T23:12:00Z');
    expect(first.format(at)).toBe(new Intl.DateTimeFormat('en-US', options).format(at));
  });
});
