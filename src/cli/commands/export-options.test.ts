import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './export-options.ts';

describe('parseExportArgs', () => {
  it('needs --recovery-key, the one way to open requests from the command line', () => {
    expect(parseExportArgs([])).toEqual({ problem: expect.stringMatching(/--recovery-key/) });
    expect(parseExportArgs(['--recovery-key'])).toEqual({
      options: { bom: false, locale: 'en', withHistory: false },
    });
  });

  it('refuses a recovery key given as an argument', () => {
    expect(parseExportArgs(['--recovery-key=ABCD-EFGH'])).toEqual({
      problem: expect.stringMatching(/stdin/),
    });
  });

  it('reads the status and an inclusive UTC date range, in either spelling', () => {
    expect(
      parseExportArgs([
        '--recovery-key',
        '--status',
        'new',
        '--from=2025-01-01',
        '--to',
        '2025-01-31',
        '--bom',
        '--lang',
        'es',
        '--history',
      ]),
    ).toEqual({
      options: {
        status: 'new',
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2025-02-01T00:00:00Z'),
        bom: true,
        locale: 'es',
        withHistory: true,
      },
    });
  });

  it('refuses impossible dates, a reversed range and unknown options', () => {
    expect(parseExportArgs(['--recovery-key', '--from', '2025-02-30'])).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--to', 'yesterday'])).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--from', '2025-03-02', '--to', '2025-03-01'])).toHaveProperty(
      'problem',
    );
    expect(parseExportArgs(['--recovery-key', '--status'])).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--lang', 'fr'])).toEqual({ problem: 'Give --lang en or es.' });
    expect(parseExportArgs(['--recovery-key', '--all'])).toEqual({ problem: 'Unknown option "--all".' });
  });
});
