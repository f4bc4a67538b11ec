import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { unlockWithPassword, unlockWithRecoveryKey } from '../../features/keys/index.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';

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

type Run = { code: number | null; stdout: string; stderr: string };

/** `npx tsx src/cli/main.ts …` as a real process, with `stdin` piped in. */
function clinic(args: string[], stdin: string): Promise<Run> {
  const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
  it('creates the admin from a piped password and prints the recovery key, TOTP URI and codes once', async () => {
    const run = await clinic(['setup', '--email', 'Admin@Clinic.Test'], `${PASSWORD}\n`);
    expect(run.stderr).not.toMatch(/clinic setup:/);
    expect(run.code).toBe(0);
    const uri = run.stdout.match(/^otpauth:\/\/totp\/\S+$/m)?.[0] ?? '';
    expect(new URL(uri).searchParams.get('issuer')).toBe('Los Angeles Neuroplasty Center');
    expect(new URL(uri).searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
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
  }, 60_000);

  it('refuses a second run with a clear message, a non-zero exit and no secrets', async () => {
    const run = await clinic(['setup', '--email', 'other@clinic.test'], `${PASSWORD}\n`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Set-up is already complete');
    expect(run.stdout).not.toMatch(/otpauth|RECOVERY KEY/);
  }, 60_000);

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
