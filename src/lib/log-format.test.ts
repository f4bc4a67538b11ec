import { describe, expect, it } from 'vitest';
import { prettyLine } from './log-format.ts';

describe('prettyLine', () => {
  it('shows the time, the level and the message, then the other fields as key=value', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 2, 9, 5, 7, 12),
      msg: 'listening',
      port: 3000,
      siteUrl: 'https://clinic.example',
      note: 'two words',
    });
    expect(prettyLine(line)).toBe(
      '09:05:07.012 INFO  listening port=3000 siteUrl=https://clinic.example note="two words"',
    );
  });

  it('names warnings and errors, and colours the level only when asked', () => {
    expect(prettyLine('{"level":40,"time":0,"msg":"set-up is not complete"}')).toBe(
      '00:00:00.000 WARN  set-up is not complete',
    );
    expect(prettyLine('{"level":50,"time":0,"msg":"x"}', true)).toContain('\u001b[31mERROR\u001b[0m');
  });

  it('keeps a line that is not JSON as it is', () => {
    expect(prettyLine('plain text\n')).toBe('plain text');
  });
});
