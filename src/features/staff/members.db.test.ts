import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import { KeyUnlockError, unlockWithPassword, verifyPassword } from '../keys/index.ts';
import type { TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  adminWorld,
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  totpAt,
  type StaffBrowser,
} from '../../../tests/setup/staff.ts';
import type { TestApp } from '../../../tests/setup/test-app.ts';

const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
let admin: StaffBrowser;
let keepSignedIn: () => Promise<void>;

beforeAll(async () => {
  ({ t, clinic, admin, keepSignedIn } = await adminWorld(clock));
});
afterAll(() => t.close());
// The admin stays signed in between tests (a test that moves the clock far ends the session).
beforeEach(() => keepSignedIn());

const coordinator = (email: string) =>
  addMember(t.db, { email, role: 'coordinator', adminKey: clinic.privateKey, clock });
const countRows = async (table: string, staffId: string) =>
  (await t.db.query(`SELECT 1 FROM ${table} WHERE staff_id = $1`, [staffId])).length;

/** The admin confirms an action on a member's row of the staff page. */
async function confirm(staffId: string, action: 'disable' | 'reset') {
  const page = await admin.get(`/staff/staff/${staffId}/${action}`);
  expect(page.res.status).toBe(200);
  return admin.post(`/staff/staff/${staffId}/${action}`, { csrf: fieldValue(page.html, 'csrf') });
}

/** The member opens their one-time link and sets a password and authenticator: the page and the secret. */
async function useLink(linkPage: string, password: string) {
  const token = /\/staff\/invite\?token=([A-Za-z0-9_-]{43})/.exec(linkPage)?.[1] ?? '';
  const fresh = staffBrowser(t.app);
  const page = await fresh.get(`/staff/invite?token=${token}`);
  const secret = /secret=([A-Z2-7]+)/.exec(page.html)?.[1] ?? '';
  const done = await fresh.post('/staff/invite', {
    csrf: fieldValue(page.html, 'csrf'),
    token,
    password,
    confirm: password,
    code: await totpAt(secret, clock.now()),
  });
  expect(done.res.status).toBe(200);
  return { page: page.html, secret };
}

describe('disabling a member', () => {
  it('removes their copy of the key and their sessions, and they cannot sign in again', async () => {
    const member = await coordinator('leaving@clinic.test');
    const b = staffBrowser(t.app);
    expect((await signIn(b, member, clock)).res.status).toBe(303);
    expect(await countRows('key_wraps', member.staffId)).toBe(1);
    expect(await countRows('staff_sessions', member.staffId)).toBe(1);

    const res = await confirm(member.staffId, 'disable');
    expect(res.res.headers.get('location')).toBe('/staff/staff');
    expect(await countRows('key_wraps', member.staffId)).toBe(0);
    expect(await countRows('staff_sessions', member.staffId)).toBe(0);
    expect((await b.get('/staff/account')).res.status).toBe(303);
    expect((await signIn(staffBrowser(t.app), member, clock)).res.status).toBe(422);
    await expect(unlockWithPassword(t.db, member.email, member.password)).rejects.toThrow(KeyUnlockError);
    expect((await listAudit(t.db, { action: 'staff.disabled' }, 1))[0]).toMatchObject({
      actorId: clinic.adminId,
      target: `staff:${member.staffId}`,
      details: { keyCopies: 1, sessions: 1 },
    });
  });

  it('refuses to disable oneself (the last admin)', async () => {
    const res = await admin.post(`/staff/staff/${clinic.adminId}/disable`, {
      csrf: fieldValue((await admin.get('/staff/staff')).html, 'csrf'),
    });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('You cannot disable your own account');
  });
});

describe('changing a password', () => {
  it('rewraps the key copy under the new password and ends the other sessions', async () => {
    const member = await coordinator('changer@clinic.test');
    const [b, other] = [staffBrowser(t.app), staffBrowser(t.app)];
    await signIn(b, member, clock);
    await signIn(other, member, clock);
    const page = await b.get('/staff/account');
    const csrf = fieldValue(page.html, 'csrf');
    const next = 'a brand new passphrase';

    const wrong = await b.post('/staff/account/password', {
      csrf,
      current: 'not it at all',
      password: next,
      confirm: next,
    });
    expect(wrong.res.status).toBe(422);
    expect(wrong.html).toContain('<a href="#current">Your current password is not right');
    const common = await b.post('/staff/account/password', {
      csrf,
      current: member.password,
      password: 'password1234',
      confirm: 'password1234',
    });
    expect(common.html).toContain('That password is one of the most common ones');

    const ok = await b.post('/staff/account/password', {
      csrf,
      current: member.password,
      password: next,
      confirm: next,
    });
    expect(ok.res.headers.get('location')).toBe('/staff/account?changed=password');
    expect(await unlockWithPassword(t.db, member.email, next)).toEqual(clinic.privateKey);
    await expect(unlockWithPassword(t.db, member.email, member.password)).rejects.toThrow(KeyUnlockError);
    const [row] = await t.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM staff WHERE id = $1',
      [member.staffId],
    );
    expect(await verifyPassword(row?.password_hash ?? '', next)).toBe(true);
    expect((await b.get('/staff/account')).res.status).toBe(200);
    expect((await other.get('/staff/account')).res.status).toBe(303);
  });
});

describe('resetting a member', () => {
  it('stops their old password at once, and a new link re-enrols the same account', async () => {
    const member = await coordinator('forgetful@clinic.test');
    const b = staffBrowser(t.app);
    await signIn(b, member, clock);
    const res = await confirm(member.staffId, 'reset');
    expect(res.res.status).toBe(200);
    expect((await b.get('/staff/account')).res.status).toBe(303);
    expect(await countRows('key_wraps', member.staffId)).toBe(0);
    expect((await signIn(staffBrowser(t.app), member, clock)).res.status).toBe(422);

    const password = 'second time lucky friend';
    const { page, secret } = await useLink(res.html, password);
    expect(page).toContain('Set up your account again');
    const [again] = await t.db.query<{ id: string }>(
      "SELECT id FROM staff WHERE email = 'forgetful@clinic.test'",
    );
    expect(again?.id).toBe(member.staffId);
    expect(await unlockWithPassword(t.db, member.email, password)).toEqual(clinic.privateKey);
    expect(
      (await signIn(staffBrowser(t.app), { ...member, password, totpSecret: secret }, clock)).res.status,
    ).toBe(303);
  });
});

describe('enabling a disabled member again', () => {
  it('offers "Enable again" on their row; the new link sets up the same account, audited', async () => {
    const member = await coordinator('returning@clinic.test');
    await confirm(member.staffId, 'disable');
    const list = await admin.get('/staff/staff');
    expect(list.html).toContain(`href="/staff/staff/${member.staffId}/reset"`);
    expect(list.html).not.toContain(`href="/staff/staff/${member.staffId}/disable"`);
    const page = await admin.get(`/staff/staff/${member.staffId}/reset`);
    expect(page.html).toContain('Enable returning@clinic.test again?');

    const res = await confirm(member.staffId, 'reset');
    expect(res.res.status).toBe(200);
    // Enabled, but nobody can sign in until the link is used.
    expect((await signIn(staffBrowser(t.app), member, clock)).res.status).toBe(422);
    const password = 'welcome back to the clinic';
    const { secret } = await useLink(res.html, password);
    expect(await unlockWithPassword(t.db, member.email, password)).toEqual(clinic.privateKey);
    expect(
      (await signIn(staffBrowser(t.app), { ...member, password, totpSecret: secret }, clock)).res.status,
    ).toBe(303);
    expect((await listAudit(t.db, { action: 'staff.enabled' }, 1))[0]).toMatchObject({
      actorId: clinic.adminId,
      target: `staff:${member.staffId}`,
    });
  });
});
