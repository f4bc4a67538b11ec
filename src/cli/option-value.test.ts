import { describe, expect, it } from 'vitest';
import { optionValue, unknownOption } from './option-value.ts';

describe('optionValue', () => {
  it('reads "--name value" and "--name=value", says absent and empty apart', () => {
    expect(optionValue(['--email', 'a@clinic.test'], '--email')).toBe('a@clinic.test');
    expect(optionValue(['--from=2026-01-01'], '--from')).toBe('2026-01-01');
    expect(optionValue(['--json'], '--from')).toBeUndefined();
    expect(optionValue(['--admin'], '--admin')).toBe('');
    expect(optionValue(['--to='], '--to')).toBe('');
  });
});

describe('unknownOption', () => {
  const known = { values: ['--from', '--to'], flags: ['--json'] };

  it('finds a misspelt option, a flag given a value or a stray word', () => {
    expect(unknownOption(['--from', '2026-01-01', '--jsn'], known)).toBe('--jsn');
    expect(unknownOption(['--json=yes'], known)).toBe('--json=yes');
    expect(unknownOption(['--to', '2026-01-02', 'extra'], known)).toBe('extra');
  });

  it('accepts every known option, with its value after a space or an equals sign', () => {
    expect(unknownOption(['--from', '--weird-value', '--to=2026-01-02', '--json'], known)).toBeUndefined();
    expect(unknownOption([], known)).toBeUndefined();
  });
});
