import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  signIn,
  staffBrowser,
  testClock,
  totpAt,
  tryCode,
  tryPassword,
  testAddress,
} from '../../../tests/setup/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { createInvite } from '../staff/invites.ts';
import { findInvite } from '../staff/accept-invite.ts';
import { sealClearTotpSecrets } from './index.ts';

const clock = testClock();
let t: TestApp;
let clinic: TestClinic;

beforeAll(async () => {
  t = await createTestApp({ now: clock.now, clientAddress: testAddress });
  clinic = await setUpClinic(t.db);
});
afterAll(() => t.close());

/** RFC 4648 base32 (what authenticator apps take) to bytes. */
function base32Bytes(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** Every row of every table, as text (bytea shows as hex). */
async function dumpOfAllTables(): Promise<string> {
  const tables = await t.db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  expect(tables.map((table) => table.name)).toContain('staff');
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await t.db.query<{ row: string }>(`SELECT row_to_json(x)::text AS row FROM "${name}" x`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

/** Where a secret shows in a dump: as typed, or its raw bytes in hex or base64. */
function findings(dump: string, secret: string): string[] {
  const raw = base32Bytes(secret);
  const forms = {
    base32: secret,
    lower: secret.toLowerCase(),
    hex: raw.toString('hex'),
    base64: raw.toString('base64'),
  };
  return Object.entries(forms)
    .filter(([, form]) => dump.toLowerCase().includes(form.toLowerCase()))
    .map(([kind]) => kind);
}

describe('TOTP secrets at rest', () => {
  it('no table holds an enrolled authenticator secret (base32, hex or base64), yet the right code signs in', async () => {
    const coordinator = await addMember(t.db, {
      email: 'coordinator@clinic.test',
      role: 'coordinator',
      adminKey: clinic.privateKey,
      clock,
    });
    const marketing = await addMember(t.db, {
      email: 'marketing@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    });
    // An invite not yet accepted: its secret is made from the link's token, never stored.
    const actor = { staffId: null, email: null, address: null, via: 'cli' } as const;
    const issued = await createInvite(t.db, {
      email: 'pending@clinic.test',
      role: 'coordinator',
      privateKey: clinic.privateKey,
      actor,
      now: clock.now(),
    });
    const pending = await findInvite(t.db, issued.token, clock.now());

    const dump = await dumpOfAllTables();
    for (const secret of [
      clinic.totpSecret,
      coordinator.totpSecret,
      marketing.totpSecret,
      pending?.totpSecret ?? '',
    ])
      expect(findings(dump, secret), secret).toEqual([]);

    for (const who of [{ ...clinic }, coordinator, marketing]) {
      const res = (await signIn(staffBrowser(t.app), who, clock)).res;
      expect([who.email, res.status, res.headers.get('location')]).toEqual([who.email, 303, '/staff/']);
    }
    // A pending sign-in holds the secret only sealed under its cookie token, and not after.
    const step1 = await tryPassword(t.app, coordinator.email, coordinator.password);
    expect(step1.res.status).toBe(303);
    expect(findings(await dumpOfAllTables(), coordinator.totpSecret)).toEqual([]);
    clock.advance(30_000);
    const code = await totpAt(coordinator.totpSecret, clock.now());
    expect((await tryCode(step1.b, { code }, step1.headers)).res.status).toBe(303);
  });

  it('a secret an older release stored in clear is sealed by the start-up step; its member still signs in, and is re-sealed under the password', async () => {
    // The row as the release before kept it.
    await t.db.query(
      `UPDATE staff SET totp_secret = $2, totp_sealed = NULL, totp_salt = NULL, totp_kdf = NULL WHERE id = $1`,
      [clinic.adminId, clinic.totpSecret],
    );
    expect(findings(await dumpOfAllTables(), clinic.totpSecret)).toContain('base32');

    expect(await sealClearTotpSecrets(t.db)).toBe(1);
    expect(findings(await dumpOfAllTables(), clinic.totpSecret)).toEqual([]);
    expect(await sealClearTotpSecrets(t.db)).toBe(0);

    const res = (await signIn(staffBrowser(t.app), clinic, clock)).res;
    expect([res.status, res.headers.get('location')]).toEqual([303, '/staff/']);
    const [row] = await t.db.query<{ password_sealed: boolean; clinic_sealed: boolean }>(
      `SELECT totp_sealed IS NOT NULL AS password_sealed, totp_clinic_sealed IS NOT NULL AS clinic_sealed
       FROM staff WHERE id = $1`,
      [clinic.adminId],
    );
    expect(row).toEqual({ password_sealed: true, clinic_sealed: false });
    expect(findings(await dumpOfAllTables(), clinic.totpSecret)).toEqual([]);
    // And the next sign-in opens the password seal.
    expect((await signIn(staffBrowser(t.app), clinic, clock)).res.status).toBe(303);
  });

  it('a marketing member (no clinic key) whose clear secret was sealed at start signs in with a recovery code, not the app, until reset', async () => {
    const member = await addMember(t.db, {
      email: 'analyst@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    });
    await t.db.query(
      `UPDATE staff SET totp_secret = $2, totp_sealed = NULL, totp_salt = NULL, totp_kdf = NULL WHERE id = $1`,
      [member.staffId, member.totpSecret],
    );
    await sealClearTotpSecrets(t.db);
    expect(findings(await dumpOfAllTables(), member.totpSecret)).toEqual([]);
    expect((await signIn(staffBrowser(t.app), member, clock)).res.status).toBe(422);
    const step1 = await tryPassword(t.app, member.email, member.password, '198.51.100.7');
    const viaRecovery = await tryCode(step1.b, { recovery: member.recoveryCodes[0] ?? '' }, step1.headers);
    expect(viaRecovery.res.status).toBe(303);
  });
});
