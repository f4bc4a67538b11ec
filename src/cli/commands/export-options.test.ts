import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './export-options.ts';

describe('parseExportArgs', () => {
  it('needs --recovery-key, the one way to open requests from the command line', () => {
    expect(parseExportArgs([], 'UTC')).toEqual({ problem: expect.stringMatching(/--recovery-key/) });
    expect(parseExportArgs(['--recovery-key'], 'UTC')).toEqual({
      options: { bom: false, locale: 'en', withHistory: false },
    });
  });

  it('refuses a recovery key given as an argument', () => {
    expect(parseExportArgs(['--recovery-key=ABCD-EFGH'], 'UTC')).toEqual({
      problem: expect.stringMatching(/stdin/),
    });
  });

  it('reads the status and an inclusive range of days (in UTC here), in either spelling', () => {
    expect(
      parseExportArgs(
        [
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
        ],
        'UTC',
      ),
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
    expect(parseExportArgs(['--recovery-key', '--from', '2025-02-30'], 'UTC')).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--to', 'yesterday'], 'UTC')).toHaveProperty('problem');
    expect(
      parseExportArgs(['--recovery-key', '--from', '2025-03-02', '--to', '2025-03-01'], 'UTC'),
    ).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--status'], 'UTC')).toHaveProperty('problem');
    expect(parseExportArgs(['--recovery-key', '--lang', 'fr'], 'UTC')).toEqual({
      problem: 'Give --lang en or es.',
    });
    expect(parseExportArgs(['--recovery-key', '--all'], 'UTC')).toEqual({
      problem: 'Unknown option "--all".',
    });
  });

  it('refuses a status that does not exist, listing those that do', () => {
    expect(parseExportArgs(['--recovery-key', '--status', 'bogus'], 'UTC')).toEqual({
      problem:
        'Give --status one of: new, contacted, consult_scheduled, not_a_candidate, unreachable, closed, purged.',
    });
  });

  it("takes the days in the clinic's time zone: Los Angeles' 1 March starts at 08:00 UTC", () => {
    const parsed = parseExportArgs(
      ['--recovery-key', '--from', '2026-03-01', '--to', '2026-03-08'],
      'America/Los_Angeles',
    );
    // 8 March 2026 is the first day of daylight saving time: it ends at 07:00 UTC the next day.
    expect(parsed).toMatchObject({
      options: { from: new Date('2026-03-01T08:00:00Z'), to: new Date('2026-03-09T07:00:00Z') },
    });
  });
});
