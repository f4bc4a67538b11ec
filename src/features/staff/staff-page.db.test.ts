import { parse } from 'node-html-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import { changeRole as changeRoleOf } from './members.ts';
import type { TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  adminWorld,
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  type StaffBrowser,
} from '../../../tests/setup/staff.ts';
import type { TestApp } from '../../../tests/setup/test-app.ts';

// 2026-11-25 09:00 in Los Angeles (PST), the example clinic's zone.
const clock = testClock(new Date('2026-11-25T17:00:00Z'));
let t: TestApp;
let clinic: TestClinic;
let admin: StaffBrowser;
let keepSignedIn: () => Promise<void>;

beforeAll(async () => {
  ({ t, clinic, admin, keepSignedIn } = await adminWorld(clock));
});
afterAll(() => t.close());
beforeEach(() => keepSignedIn());

const member = (email: string, role: 'coordinator' | 'marketing' | 'admin' = 'coordinator') =>
  addMember(t.db, { email, role, adminKey: role === 'marketing' ? null : clinic.privateKey, clock });
const countRows = async (table: string, staffId: string) =>
  (await t.db.query(`SELECT 1 FROM ${table} WHERE staff_id = $1`, [staffId])).length;
const roleOf = async (staffId: string) =>
  (await t.db.query<{ role: string }>('SELECT role FROM staff WHERE id = $1', [staffId]))[0]?.role;

/** The admin picks a role in a member's row of the staff page and presses "Change role". */
async function changeRole(staffId: string, role: string) {
  const page = await admin.get('/staff/staff');
  const form = parse(page.html).querySelector(`form[action="/staff/staff/${staffId}/role"]`);
  expect(form, 'a role form on the member row').not.toBeNull();
  return admin.post(`/staff/staff/${staffId}/role`, { csrf: fieldValue(page.html, 'csrf'), role });
}

describe('the staff page', () => {
  it("shows each member's name, role, last sign-in in the clinic's time zone, or that they have not signed in", async () => {
    const named = await member('named@clinic.test');
    await t.db.query("UPDATE staff SET display_name = 'Rosa Díaz' WHERE id = $1", [named.staffId]);
    await member('never@clinic.test');
    expect((await signIn(staffBrowser(t.app), named, clock)).res.status).toBe(303);
    const page = await admin.get('/staff/staff');
    expect(page.res.status).toBe(200);
    const rows = parse(page.html).querySelectorAll('.member-list li');
    const rowOf = (email: string) => rows.find((li) => li.text.includes(email))?.text ?? '';
    expect(rowOf('named@clinic.test')).toContain('Rosa Díaz');
    expect(rowOf('named@clinic.test')).toMatch(/Last signed in Nov 25, 2026, 9:0\d AM PST/);
    expect(rowOf('never@clinic.test')).toContain('Has not signed in yet');
  });

  it('changes a role, audited; ending a copy of the key when the new role reads no requests', async () => {
    const m = await member('mover@clinic.test');
    const b = staffBrowser(t.app);
    expect((await signIn(b, m, clock)).res.status).toBe(303);
    const toAdmin = await changeRole(m.staffId, 'admin');
    expect(toAdmin.res.status).toBe(303);
    expect(toAdmin.res.headers.get('location')).toBe('/staff/staff?notice=role-changed');
    expect(await roleOf(m.staffId)).toBe('admin');
    expect(await countRows('key_wraps', m.staffId)).toBe(1);
    expect((await admin.get('/staff/staff?notice=role-changed')).html).toContain('The role is changed.');

    expect((await changeRole(m.staffId, 'marketing')).res.status).toBe(303);
    expect(await roleOf(m.staffId)).toBe('marketing');
    expect(await countRows('key_wraps', m.staffId)).toBe(0);
    expect(await countRows('staff_sessions', m.staffId)).toBe(0);
    const entries = await listAudit(t.db, { action: 'staff.role_changed', target: `staff:${m.staffId}` });
    expect(entries.map((e) => e.details)).toEqual([
      { email: m.email, from: 'admin', to: 'marketing', keyCopies: 1, sessions: 1, via: 'web' },
      { email: m.email, from: 'coordinator', to: 'admin', keyCopies: 0, sessions: 0, via: 'web' },
    ]);
    expect(entries[0]?.actorId).toBe(clinic.adminId);
  });

  it('refuses a marketing member a role that reads requests, saying what to do instead', async () => {
    const m = await member('analyst@clinic.test', 'marketing');
    const res = await changeRole(m.staffId, 'coordinator');
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('disable this account and invite them again as Coordinator');
    expect(await roleOf(m.staffId)).toBe('marketing');
  });

  it('refuses a change of your own role (so never the last admin) and shows no role form on your own row', async () => {
    const page = await admin.get('/staff/staff');
    expect(parse(page.html).querySelector(`form[action="/staff/staff/${clinic.adminId}/role"]`)).toBeNull();
    const res = await admin.post(`/staff/staff/${clinic.adminId}/role`, {
      csrf: fieldValue(page.html, 'csrf'),
      role: 'coordinator',
    });
    expect(res.res.status).toBe(422);
    expect(await roleOf(clinic.adminId)).toBe('admin');
    expect(res.html).toContain('You cannot change your own role');
    // With a second admin, one can demote the other (the clinic still has an admin).
    const second = await member('second-admin@clinic.test', 'admin');
    expect((await changeRole(second.staffId, 'coordinator')).res.status).toBe(303);
    expect(await roleOf(second.staffId)).toBe('coordinator');
    // From anywhere else (the command line has no member), the last admin stays an admin.
    const cli = { staffId: null, email: null, address: null, via: 'cli' } as const;
    await expect(
      changeRoleOf(t.db, { staffId: clinic.adminId, role: 'coordinator', actor: cli, now: clock.now() }),
    ).rejects.toThrow('This is the last administrator');
    expect(await roleOf(clinic.adminId)).toBe('admin');
  });

  it("shows an open invite's expiry in the clinic's time zone and withdraws it, audited", async () => {
    const page = await admin.get('/staff/staff');
    const issued = await admin.post('/staff/staff/invite', {
      csrf: fieldValue(page.html, 'csrf'),
      email: 'invited@clinic.test',
      role: 'coordinator',
    });
    expect(issued.res.status).toBe(200);
    const listed = await admin.get('/staff/staff');
    // 72 hours after 09:00 PST on Nov 25.
    expect(listed.html).toMatch(
      /invited@clinic\.test \(Coordinator\), works until Nov 28, 2026, 9:0\d AM PST/,
    );
    const [invite] = await t.db.query<{ id: string }>('SELECT id FROM staff_invites WHERE email = $1', [
      'invited@clinic.test',
    ]);
    const form = parse(listed.html).querySelector(`form[action="/staff/staff/invites/${invite?.id}/revoke"]`);
    expect(form).not.toBeNull();
    const res = await admin.post(`/staff/staff/invites/${invite?.id}/revoke`, {
      csrf: fieldValue(listed.html, 'csrf'),
    });
    expect(res.res.status).toBe(303);
    expect(await t.db.query('SELECT 1 FROM staff_invites WHERE email = $1', ['invited@clinic.test'])).toEqual(
      [],
    );
    expect(await t.db.query("SELECT 1 FROM key_wraps WHERE kind = 'invite'")).toEqual([]);
    expect((await listAudit(t.db, { action: 'staff.invite_revoked' }, 1))[0]).toMatchObject({
      actorId: clinic.adminId,
      details: { email: 'invited@clinic.test', role: 'coordinator', via: 'web' },
    });
    const again = await admin.post(`/staff/staff/invites/${invite?.id}/revoke`, {
      csrf: fieldValue(listed.html, 'csrf'),
    });
    expect(again.res.status).toBe(422);
    expect(again.html).toContain('That invite link is no longer open.');
  });

  it('is for admins only', async () => {
    const m = await member('plain@clinic.test');
    const b = staffBrowser(t.app);
    await signIn(b, m, clock);
    const page = await b.get('/staff/account');
    const res = await b.post(`/staff/staff/${m.staffId}/role`, {
      csrf: fieldValue(page.html, 'csrf'),
      role: 'admin',
    });
    expect(res.res.status).toBe(403);
    expect(await roleOf(m.staffId)).toBe('coordinator');
  });
});
