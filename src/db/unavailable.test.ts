import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

describe('isDatabaseUnavailable', () => {
  it('is true for an outage, a full disk or refused writes', () => {
    for (const code of ['53100', '08006', '57P01', '25006', '55000', 'ECONNREFUSED'])
      expect(isDatabaseUnavailable({ code }), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('PGlite is closed'))).toBe(true);
  });

  it('is false for a mistake in our code or our SQL', () => {
    for (const error of [new TypeError('x is undefined'), { code: '42P01' }, { code: '23505' }, null, 'text'])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
