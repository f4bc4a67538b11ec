import { parse } from 'node-html-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import { unlockWithPassword } from '../keys/index.ts';
import type { TestClinic } from '../../../tests/setup/keys.ts';
import {
  adminWorld,
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  totpAt,
  type Credentials,
  type StaffBrowser,
} from '../../../tests/setup/staff.ts';
import type { TestApp } from '../../../tests/setup/test-app.ts';
import { hashInviteToken } from './invite-token.ts';

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

/** The admin invites `email` as `role` on the staff page; returns the link's token. */
async function invite(email: string, role: string): Promise<string> {
  const page = await admin.get('/staff/staff');
  const res = await admin.post('/staff/staff/invite', { csrf: fieldValue(page.html, 'csrf'), email, role });
  expect(res.res.status).toBe(200);
  const link = /https:\/\/clinic\.test\/staff\/invite\?token=([A-Za-z0-9_-]{43})/.exec(res.html);
  return link?.[1] ?? '';
}

/** The member opens the link and accepts it; returns their browser and the answer. */
async function accept(token: string, password: string, codeOverride?: string) {
  const b = staffBrowser(t.app);
  const page = await b.get(`/staff/invite?token=${token}`);
  const secret =
    new URL(
      /otpauth:\/\/totp\/[^<"\s]+/.exec(page.html)?.[0].replace(/&amp;/g, '&') ?? 'x:',
    ).searchParams.get('secret') ?? '';
  const code = codeOverride ?? (secret ? await totpAt(secret, clock.now()) : '000000');
  const res = await b.post('/staff/invite', {
    csrf: fieldValue(page.html, 'csrf'),
    token,
    password,
    confirm: password,
    code,
  });
  return { b, page, res, secret };
}

const wraps = (kind: string, column: 'staff_id' | 'invite_id', id: string) =>
  t.db.query(`SELECT id FROM key_wraps WHERE kind = $1 AND ${column} = $2`, [kind, id]);

describe('invites', () => {
  it("invite → accept → the member's own copy of the key opens the clinic key; the link works once", async () => {
    const token = await invite('Coordinator@Clinic.Test', 'coordinator');
    const [row] = await t.db.query<{ id: string }>('SELECT id FROM staff_invites WHERE token_hash = $1', [
      Buffer.from(hashInviteToken(token)),
    ]);
    expect(row).toBeDefined();
    expect(JSON.stringify(await t.db.query('SELECT * FROM staff_invites'))).not.toContain(token);
    expect(await wraps('invite', 'invite_id', row?.id ?? '')).toHaveLength(1);

    const password = 'mulberry canyon lantern';
    const { page, res, secret } = await accept(token, password);
    expect(page.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR code for your authenticator app"/);
    // The token is in the page's address: Referer carries only our origin, even to ourselves.
    expect(page.html).toContain('<meta name="referrer" content="strict-origin"/>');
    const email = parse(page.html).querySelector('input[name=email]');
    expect(email?.attributes).toMatchObject({
      autocomplete: 'username',
      value: 'coordinator@clinic.test',
      readonly: '',
    });
    expect(res.res.status).toBe(200);
    const codes = [...res.html.matchAll(/<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/code>/g)];
    expect(codes).toHaveLength(10);

    const [member] = await t.db.query<{ id: string; role: string }>(
      "SELECT id, role FROM staff WHERE email = 'coordinator@clinic.test'",
    );
    expect(member?.role).toBe('coordinator');
    expect(await wraps('password', 'staff_id', member?.id ?? '')).toHaveLength(1);
    expect(await t.db.query("SELECT id FROM key_wraps WHERE kind = 'invite'")).toEqual([]);
    expect(await unlockWithPassword(t.db, 'coordinator@clinic.test', password)).toEqual(clinic.privateKey);

    const again = await staffBrowser(t.app).get(`/staff/invite?token=${token}`);
    expect(again.res.status).toBe(404);
    expect(again.html).toContain('This link is not valid');
    clock.advance(30_000);
    const coordinator: Credentials = { email: 'coordinator@clinic.test', password, totpSecret: secret };
    expect((await signIn(staffBrowser(t.app), coordinator, clock)).res.status).toBe(303);
    const actions = (await listAudit(t.db, { target: `staff:${member?.id}` })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.enrolled', 'signin.succeeded']));
    expect((await listAudit(t.db, { action: 'staff.invited' }, 1))[0]?.actorId).toBe(clinic.adminId);
  });

  it('refuses an expired link (after 72 hours), even from a page opened in time', async () => {
    const token = await invite('late@clinic.test', 'coordinator');
    const b = staffBrowser(t.app);
    const page = await b.get(`/staff/invite?token=${token}`);
    expect(page.res.status).toBe(200);
    clock.advance(72 * 60 * 60_000 + 1_000);
    const password = 'mulberry canyon lantern';
    const late = await b.post('/staff/invite', {
      csrf: fieldValue(page.html, 'csrf'),
      token,
      password,
      confirm: password,
      code: '123456',
    });
    expect(late.res.status).toBe(404);
    expect(late.html).toContain('This link is not valid');
    expect((await b.get(`/staff/invite?token=${token}`)).res.status).toBe(404);
    expect(await t.db.query("SELECT id FROM staff WHERE email = 'late@clinic.test'")).toEqual([]);
  });

  it('refuses "password1234" and a wrong code, and the link still works afterwards', async () => {
    const token = await invite('careful@clinic.test', 'marketing');
    const weak = await accept(token, 'password1234');
    expect(weak.res.res.status).toBe(422);
    expect(weak.res.html).toContain('That password is one of the most common ones');
    const wrongCode = await accept(token, 'mulberry canyon lantern', '000000');
    expect(wrongCode.res.res.status).toBe(422);
    expect(wrongCode.res.html).toContain('Enter the 6-digit code');
    expect((await accept(token, 'mulberry canyon lantern')).res.res.status).toBe(200);
  });

  it('gives marketing no copy of the clinic key, at invite or after', async () => {
    const token = await invite('ads@clinic.test', 'marketing');
    const [row] = await t.db.query<{ id: string }>(
      "SELECT id FROM staff_invites WHERE email = 'ads@clinic.test'",
    );
    expect(await wraps('invite', 'invite_id', row?.id ?? '')).toEqual([]);
    await accept(token, 'mulberry canyon lantern');
    expect(
      await t.db.query(
        "SELECT w.id FROM key_wraps w JOIN staff s ON s.id = w.staff_id WHERE s.email = 'ads@clinic.test'",
      ),
    ).toEqual([]);
  });

  it('refuses a bad e-mail or role, and an address that already has an account', async () => {
    const page = await admin.get('/staff/staff');
    const csrf = fieldValue(page.html, 'csrf');
    const bad = await admin.post('/staff/staff/invite', { csrf, email: 'nope', role: 'coordinator' });
    expect(bad.res.status).toBe(422);
    expect(bad.html).toContain('<a href="#email">Enter an e-mail address');
    const role = await admin.post('/staff/staff/invite', { csrf, email: 'x@clinic.test', role: 'owner' });
    expect(role.html).toContain('<a href="#role">Choose a role');
    const taken = await admin.post('/staff/staff/invite', { csrf, email: clinic.email, role: 'coordinator' });
    expect(taken.html).toContain('already has an account');
  });
});
