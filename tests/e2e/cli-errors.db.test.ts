import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../setup/cli-process.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

// `npm run clinic -- …` given what a person mistypes: a message and the usage, never a stack, and
// never a command that runs as if the mistake were not there.
const NO_STACK = /\n\s+at |RangeError|TypeError/;
let db: TestDatabase | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-cli-errors-'));
  if (process.env.TEST_DB === 'postgres') db = await openTestDatabase();
  env = { DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' };
});
afterAll(() => db?.close());

describe('the command line refuses what it does not understand', () => {
  it('an unknown option is refused with the command’s usage and exit 2', async () => {
    const [report, audit] = await Promise.all([
      runCli(['report', '--from', '2026-01-01', '--to', '2026-01-31', '--jsn'], env),
      runCli(['audit', 'verify', '--all'], env),
    ]);
    expect(report).toMatchObject({ code: 2, stdout: '' });
    expect(report.stderr).toMatch(
      /^clinic report: Unknown option "--jsn"\.\n\nUsage: npm run clinic -- report --from/,
    );
    expect(audit.code).toBe(2);
    expect(audit.stderr).toMatch(
      /^clinic audit: Unknown option "--all"\.\n\nUsage: npm run clinic -- audit verify/,
    );
  }, 120_000);

  it('report --from 2026-13-01 says how to write a date, without a RangeError', async () => {
    const run = await runCli(['report', '--from', '2026-13-01', '--to', '2026-12-31'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^clinic report: Give both dates as YYYY-MM-DD\.\n\nUsage: /);
    expect(run.stderr).not.toMatch(NO_STACK);
  }, 120_000);

  it('export --status bogus is an error listing the statuses, not an empty export', async () => {
    const run = await runCli(['export', '--recovery-key', '--status', 'bogus'], env, 'ABCD\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^clinic export: Give --status one of: new, contacted, consult_scheduled, not_a_candidate, unreachable, closed, purged\.\n/,
    );
    expect(run.stderr).not.toContain('Exported');
  }, 120_000);

  it('staff list says when there is nobody yet', async () => {
    const run = await runCli(['staff', 'list'], env);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'No staff members and no open invites yet: `clinic setup` creates the first admin.\n',
    });
  }, 120_000);
});
