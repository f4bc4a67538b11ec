import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import {
  completeSetup,
  getClinicPublicKey,
  isSetupComplete,
  KeyUnlockError,
  openSealed,
  prepareFirstStart,
  sealForClinic,
  SetupError,
  unlockWithPassword,
  unlockWithRecoveryKey,
  useRecoveryCode,
} from './index.ts';
import { isSetupTokenValid } from './first-start.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const admin = { email: 'First.Admin@Clinic.Test', password: 'a long and memorable passphrase' };

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

describe('first start, set-up through the link, and unlocking (one story, in order)', () => {
  let setupToken = '';
  let recoveryKey = '';
  let recoveryCodes: string[] = [];
  let adminId = '';

  it('has no public key before set-up, so nothing can be sealed yet', async () => {
    expect(await isSetupComplete(db)).toBe(false);
    expect(await getClinicPublicKey(db)).toBeNull();
  });

  it('makes a new pair and token at each start before set-up; only the newest token is valid', async () => {
    const first = await prepareFirstStart(db);
    const second = await prepareFirstStart(db);
    expect(first?.setupToken).toMatch(/^[\w-]{43}$/);
    expect(second?.setupToken).not.toBe(first?.setupToken);
    setupToken = second?.setupToken ?? '';
    expect(await isSetupTokenValid(db, setupToken)).toBe(true);
    expect(await isSetupTokenValid(db, first?.setupToken ?? '')).toBe(false);
    expect(await db.query('SELECT 1 FROM clinic_keys')).toHaveLength(1);
    expect(await db.query('SELECT kind FROM key_wraps')).toEqual([{ kind: 'setup' }]);
    expect(await getClinicPublicKey(db)).toBeNull();
  });

  it('refuses an old or wrong token with a clear error and changes nothing', async () => {
    const attempt = completeSetup(db, { ...admin, setupToken: 'not-the-token', now: new Date() });
    await expect(attempt).rejects.toThrow(SetupError);
    await expect(attempt).rejects.toMatchObject({ problem: 'invalid-token' });
    expect(await db.query('SELECT 1 FROM staff')).toHaveLength(0);
    expect(await isSetupComplete(db)).toBe(false);
  });

  it('refuses a bad e-mail and a short password', async () => {
    await expect(
      completeSetup(db, { ...admin, email: 'nope', setupToken, now: new Date() }),
    ).rejects.toMatchObject({
      problem: 'invalid-email',
    });
    await expect(
      completeSetup(db, { ...admin, password: 'too short', setupToken, now: new Date() }),
    ).rejects.toMatchObject({ problem: 'weak-password' });
  });

  it('creates the first admin, keeps the pair made at start, and deletes the set-up copy', async () => {
    const [pending] = await db.query<{ public_key: Uint8Array }>('SELECT public_key FROM clinic_keys');
    const now = new Date('2025-03-01T10:00:00Z');
    const result = await completeSetup(db, { ...admin, setupToken, now, issuer: 'Test Clinic' });
    ({ recoveryKey, recoveryCodes, adminId } = result);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(recoveryCodes).toHaveLength(10);
    const uri = new URL(result.totpUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Test Clinic');
    expect(decodeURIComponent(uri.pathname)).toContain('first.admin@clinic.test');

    const [member] = await db.query<{ id: string; email: string; role: string; password_hash: string }>(
      'SELECT id, email, role, password_hash FROM staff',
    );
    expect(member).toMatchObject({ id: adminId, email: 'first.admin@clinic.test', role: 'admin' });
    expect(member?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const kinds = await db.query<{ kind: string }>('SELECT kind FROM key_wraps ORDER BY kind');
    expect(kinds.map((k) => k.kind)).toEqual(['password', 'recovery']);
    expect(await db.query('SELECT 1 FROM clinic_keys WHERE setup_token_hash IS NOT NULL')).toHaveLength(0);
    const publicKey = await getClinicPublicKey(db);
    expect(Buffer.from(publicKey ?? []).equals(Buffer.from(pending?.public_key ?? []))).toBe(true);
    expect(await db.query('SELECT 1 FROM staff_recovery_codes WHERE used_at IS NULL')).toHaveLength(10);
  });

  it('opens a sealed message with the key from the password and from the recovery key', async () => {
    const publicKey = await getClinicPublicKey(db);
    if (!publicKey) throw new Error('no public key after set-up');
    const sealed = await sealForClinic(publicKey, utf8('MARKER-7f3a call after 3pm'), utf8('request-42'));
    const fromPassword = await unlockWithPassword(db, 'FIRST.admin@clinic.test', admin.password);
    const fromRecovery = await unlockWithRecoveryKey(db, recoveryKey.toLowerCase().replace(/-/g, ' '));
    expect(Buffer.from(fromPassword).equals(Buffer.from(fromRecovery))).toBe(true);
    const opened = await openSealed(fromRecovery, sealed, utf8('request-42'));
    expect(new TextDecoder().decode(opened)).toBe('MARKER-7f3a call after 3pm');
  });

  it('refuses a wrong password, an unknown e-mail and a wrong recovery key with the same kind of error', async () => {
    await expect(unlockWithPassword(db, admin.email, `${admin.password}!`)).rejects.toThrow(KeyUnlockError);
    await expect(unlockWithPassword(db, 'nobody@clinic.test', admin.password)).rejects.toThrow(
      'The e-mail address or password is wrong.',
    );
    const wrongKey = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(unlockWithRecoveryKey(db, wrongKey)).rejects.toThrow(/does not open/);
    await expect(unlockWithRecoveryKey(db, 'garbage')).rejects.toThrow(KeyUnlockError);
  });

  it('refuses to run set-up a second time, by link or by CLI, and leaves the admin alone', async () => {
    for (const extra of [{ setupToken }, {}]) {
      await expect(
        completeSetup(db, {
          email: 'second@clinic.test',
          password: 'another long passphrase',
          now: new Date(),
          ...extra,
        }),
      ).rejects.toMatchObject({ problem: 'already-complete' });
    }
    expect(await prepareFirstStart(db)).toBeNull();
    expect(await db.query('SELECT 1 FROM staff')).toHaveLength(1);
  });

  it('spends each recovery code once', async () => {
    const [code = ''] = recoveryCodes;
    expect(await useRecoveryCode(db, adminId, code.toLowerCase(), new Date())).toBe(true);
    expect(await useRecoveryCode(db, adminId, code, new Date())).toBe(false);
    expect(await useRecoveryCode(db, adminId, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', new Date())).toBe(false);
  });

  it('keeps no secret in clear in any column of any table', async () => {
    const privateKey = await unlockWithPassword(db, admin.email, admin.password);
    const needles = [
      Buffer.from(privateKey),
      Buffer.from(privateKey).toString('hex'),
      Buffer.from(privateKey).toString('base64'),
      admin.password,
      recoveryKey,
      recoveryKey.replace(/-/g, ''),
      setupToken,
      ...recoveryCodes,
    ];
    const cells = await everyCell(db);
    expect(cells.length).toBeGreaterThan(20);
    for (const cell of cells) {
      for (const needle of needles) expect(cell.includes(needle), 'a secret is stored in clear').toBe(false);
    }
  });
});

/** Every bytea and text-like value in the public schema, as raw bytes and as text. */
async function everyCell(database: TestDatabase): Promise<Buffer[]> {
  const columns = await database.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('bytea', 'text', 'jsonb', 'character varying')`,
  );
  const cells: Buffer[] = [];
  for (const { table_name, column_name, data_type } of columns) {
    const expr = data_type === 'bytea' ? `"${column_name}"` : `convert_to("${column_name}"::text, 'UTF8')`;
    const rows = await database.query<{ v: Uint8Array | null }>(`SELECT ${expr} AS v FROM "${table_name}"`);
    for (const { v } of rows) if (v) cells.push(Buffer.from(v));
  }
  return cells;
}
