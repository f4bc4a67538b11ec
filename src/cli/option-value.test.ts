import { describe, expect, it } from 'vitest';
import { optionValue } from './option-value.ts';

describe('optionValue', () => {
  it('reads "--name value" and "--name=value", says absent and empty apart', () => {
    expect(optionValue(['--email', 'a@clinic.test'], '--email')).toBe('a@clinic.test');
    expect(optionValue(['--from=2026-01-01'], '--from')).toBe('2026-01-01');
    expect(optionValue(['--json'], '--from')).toBeUndefined();
    expect(optionValue(['--admin'], '--admin')).toBe('');
    expect(optionValue(['--to='], '--to')).toBe('');
  });
});
