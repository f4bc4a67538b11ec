import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { createApp } from '../../app.ts';
import { CODE_REUSED } from '../../features/auth/pages/sign-in-page.tsx';
import { isSetupComplete, unlockWithPassword, unlockWithRecoveryKey } from '../../features/keys/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { runCli } from '../../../tests/setup/cli-process.ts';
import { codeShownNow, runCliSetup } from '../../../tests/setup/cli-setup.ts';
import { testAddress, totpAt, tryCode, tryPassword } from '../../../tests/setup/staff.ts';
import { testPublicSite, TEST_SITE_URL } from '../../../tests/setup/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { CODE_PROMPT, CODE_TRIES } from './setup.ts';

const PASSWORD = 'a passphrase typed only once';

// The embedded database is a fresh DATA_DIR for the child; on PostgreSQL, this file's test database.
let dataDir: string;
let postgres: TestDatabase | undefined;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-cli-setup-'));
  if (process.env.TEST_DB === 'postgres') postgres = await openTestDatabase();
});
afterAll(async () => {
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '' });
const clinic = (args: string[], stdin: string) => runCli(args, env(), stdin);

/** Opens what the child wrote to (after it exited and released DATA_DIR). */
async function withChildDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (postgres) return fn(postgres);
  const db = await openDatabase({ dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('npm run clinic -- setup (a real child process)', () => {
  it('stores nothing while the code is wrong: says so at each try, then exits non-zero', async () => {
    const typed: string[] = [];
    const run = await runCliSetup('Admin@Clinic.Test', PASSWORD, env(), async (secret, index) => {
      const right = await totpAt(secret, new Date());
      const code = index === 0 ? right.slice(0, 5) : `${right.slice(0, 5)}${(Number(right[5]) + 1) % 10}`;
      typed.push(code);
      return code;
    });
    expect(run.code).toBe(1);
    expect(typed).toHaveLength(CODE_TRIES);
    expect(run.stdout).toMatch(/^otpauth:\/\/totp\//m);
    expect(run.stdout).not.toMatch(/Set-up complete|RECOVERY KEY/);
    expect(run.stderr.split(CODE_PROMPT)).toHaveLength(CODE_TRIES + 1);
    expect(run.stderr).toContain(
      'clinic setup: Enter the 6-digit code the app shows for this account now; it changes every 30 seconds. Try again (2 tries left).',
    );
    expect(run.stderr).toContain(
      'clinic setup: That code is not right for this account: check that the app shows the account just added and that its clock is right. Try again (1 try left).',
    );
    expect(run.stderr).toContain('Nothing was stored; run set-up again for a new QR code.');
    await withChildDatabase(async (db) => {
      expect(await isSetupComplete(db)).toBe(false);
      expect(await db.query('SELECT id FROM staff')).toEqual([]);
    });
  }, 120_000);

  it('stores nothing when stdin ends before a code', async () => {
    const run = await runCliSetup('admin@clinic.test', PASSWORD, env(), () => null);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'clinic setup: No code on stdin: pipe it as the line after the password. Nothing was stored.',
    );
    await withChildDatabase(async (db) => expect(await isSetupComplete(db)).toBe(false));
  }, 120_000);

  let setupCode = '';
  let totpSecret = '';
  it('completes after a right code (a wrong one first) and prints the recovery key and codes once', async () => {
    const run = await runCliSetup('Admin@Clinic.Test', PASSWORD, env(), async (secret, index) => {
      if (index === 0) return '000000' === (await codeShownNow(secret, 0)) ? '111111' : '000000';
      setupCode = await codeShownNow(secret, index);
      return setupCode;
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('That code is not right for this account');
    totpSecret = run.totpSecret;
    const uri = run.stdout.match(/^otpauth:\/\/totp\/\S+$/m)?.[0] ?? '';
    expect(new URL(uri).searchParams.get('issuer')).toBe('Los Angeles Neuroplasty Center');
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    // The enrolment comes before the code is asked for, the recovery kit only after it.
    expect(run.stdout.indexOf('Set-up complete. The first admin is admin@clinic.test.')).toBeGreaterThan(
      run.stdout.indexOf(uri),
    );
    const codes = [...run.stdout.matchAll(/^ {4}([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$/gm)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(10);
    const recoveryKey = run.stdout.match(/^ {4}([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})$/m)?.[1] ?? '';
    expect(recoveryKey).not.toBe('');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);

    // What was printed really opens the clinic key, and so does the password.
    await withChildDatabase(async (db) => {
      const fromRecovery = await unlockWithRecoveryKey(db, recoveryKey);
      const fromPassword = await unlockWithPassword(db, 'admin@clinic.test', PASSWORD);
      expect(Buffer.from(fromRecovery).equals(Buffer.from(fromPassword))).toBe(true);
    });
  }, 120_000);

  it('does not let the code that confirmed set-up also sign in: the page says to wait for the next one', async () => {
    expect(setupCode).toMatch(/^\d{6}$/);
    await withChildDatabase(async (db) => {
      const app = createApp({
        env: { siteUrl: TEST_SITE_URL },
        db,
        logger: createLogger('error', process.stderr),
        publicSite: await testPublicSite(),
        clientAddress: testAddress,
      });
      const password = await tryPassword(app, 'admin@clinic.test', PASSWORD);
      expect(password.res.status).toBe(303);
      const again = await tryCode(password.b, { code: setupCode });
      expect(again.res.status).toBe(422);
      expect(again.html).toContain(CODE_REUSED);
    });
  }, 120_000);

  it('refuses a second run with a clear message, a non-zero exit and no secrets', async () => {
    const run = await clinic(['setup', '--email', 'other@clinic.test'], `${PASSWORD}\n`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Set-up is already complete');
    expect(run.stdout).not.toMatch(/otpauth|RECOVERY KEY/);
  }, 120_000);

  it('refuses a password given as an argument, a bad e-mail address and an unknown option', async () => {
    const [asArgument, badEmail, unknown] = await Promise.all([
      clinic(['setup', '--email', 'a@clinic.test', '--password', PASSWORD], ''),
      clinic(['setup', '--email', 'notanemail'], `${PASSWORD}\n`),
      clinic(['setup', '--email', 'a@clinic.test', '--foo'], `${PASSWORD}\n`),
    ]);
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr).toContain('never taken as arguments');
    expect(badEmail).toMatchObject({
      code: 2,
      stderr:
        'clinic setup: "notanemail" is not a valid e-mail address. Example: --email admin@example.com\n',
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'clinic setup: Unknown option "--foo".\n\nUsage: npm run clinic -- setup --email',
    );
  }, 120_000);
});
