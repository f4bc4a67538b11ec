import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { listAudit } from '../audit/index.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  totpAt,
  tryCode,
  tryPassword,
  testAddress,
} from '../../../tests/setup/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { CODE_REUSED, GENERIC_FAILURE } from './pages/sign-in-page.tsx';
import { hashToken } from './session-token.ts';

const COOKIE = '__Host-clinic_session';
const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
let admin: { email: string; password: string; totpSecret: string };

beforeAll(async () => {
  t = await createTestApp({ now: clock.now, clientAddress: testAddress });
  clinic = await setUpClinic(t.db);
  admin = { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret };
});
afterAll(() => t.close());

const alertText = (html: string) => parse(html).querySelector('[role=alert]')?.text.trim() ?? '';
const passwordStep = (email: string, password: string, address?: string) =>
  tryPassword(t.app, email, password, address);

describe('sign-in', () => {
  it('takes the password, then a TOTP code, under a new token at each step, and returns to the page asked for', async () => {
    const b = staffBrowser(t.app);
    const form = await b.get('/staff/sign-in?return=%2Fstaff%2Faccount');
    expect(form.res.status).toBe(200);
    expect(form.html).toMatch(/<input[^>]*name="email"[^>]*autocomplete="username"/);
    expect(form.html).toMatch(
      /<input[^>]*name="password"[^>]*type="password"[^>]*autocomplete="current-password"/,
    );
    expect(form.html).not.toMatch(/<script|style=/);
    const browserToken = b.jar.get(COOKIE);

    const step1 = await b.post('/staff/sign-in', {
      csrf: fieldValue(form.html, 'csrf'),
      return: fieldValue(form.html, 'return'),
      email: ' Admin@Clinic.Test ',
      password: admin.password,
    });
    expect(step1.res.status).toBe(303);
    expect(step1.res.headers.get('location')).toBe('/staff/sign-in/code?return=%2Fstaff%2Faccount');
    const pendingToken = b.jar.get(COOKIE);
    expect(pendingToken).not.toBe(browserToken);

    const codePage = await b.get('/staff/sign-in/code?return=%2Fstaff%2Faccount');
    expect(codePage.html).toMatch(
      /<input[^>]*name="code"[^>]*autocomplete="one-time-code" inputmode="numeric"/,
    );
    clock.advance(30_000);
    const step2 = await b.post('/staff/sign-in/code', {
      csrf: fieldValue(codePage.html, 'csrf'),
      return: fieldValue(codePage.html, 'return'),
      code: await totpAt(admin.totpSecret, clock.now()),
    });
    expect(step2.res.status).toBe(303);
    expect(step2.res.headers.get('location')).toBe('/staff/account');
    expect(b.jar.get(COOKIE)).not.toBe(pendingToken);

    const account = await b.get('/staff/account');
    expect(account.res.status).toBe(200);
    expect(account.html).toContain(admin.email);
    const [entry] = await listAudit(t.db, { action: 'signin.succeeded' }, 1);
    expect(entry).toMatchObject({
      actorId: clinic.adminId,
      address: '198.51.100.1',
      details: { method: 'totp' },
    });
  });

  it('sets a __Host- cookie (HttpOnly, Secure, SameSite=Strict, Path=/) and stores only its hash', async () => {
    const b = staffBrowser(t.app);
    const res = await signIn(b, admin, clock);
    const header = res.res.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`)) ?? '';
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Domain=/i);
    const token = b.jar.get(COOKIE) ?? '';
    const rows = await t.db.query<{ token_hash: Uint8Array }>(
      "SELECT token_hash FROM staff_sessions WHERE token_hash = $1 AND stage = 'active'",
      [Buffer.from(hashToken(token))],
    );
    expect(rows).toHaveLength(1);
    const everything = JSON.stringify(await t.db.query('SELECT * FROM staff_sessions'));
    expect(everything).not.toContain(token);
  });

  it('accepts a TOTP code once: the same code cannot sign in again, and the page says to wait for the next', async () => {
    clock.advance(30_000);
    const code = await totpAt(admin.totpSecret, clock.now());
    const first = await passwordStep(admin.email, admin.password);
    expect((await tryCode(first.b, { code })).res.status).toBe(303);
    const [member] = await t.db.query<{ last_sign_in_at: Date | string }>(
      'SELECT last_sign_in_at FROM staff WHERE email = $1',
      [admin.email],
    );
    expect(new Date(member?.last_sign_in_at ?? 0).getTime()).toBe(clock.now().getTime());
    const second = await passwordStep(admin.email, admin.password);
    const again = await tryCode(second.b, { code });
    expect(again.res.status).toBe(422);
    expect(alertText(again.html)).toBe(`Not signed in${CODE_REUSED}`);
    expect(again.html).not.toContain(GENERIC_FAILURE);
    const [entry] = await listAudit(t.db, { action: 'signin.failed' }, 1);
    expect(entry?.details).toEqual({ step: 'totp', reason: 'code-reused' });
  });

  it('lets one code sign in once even when two sign-ins race with it', async () => {
    clock.advance(30_000);
    const code = await totpAt(admin.totpSecret, clock.now());
    const [a, b] = [
      await passwordStep(admin.email, admin.password),
      await passwordStep(admin.email, admin.password),
    ];
    const answers = await Promise.all([tryCode(a.b, { code }), tryCode(b.b, { code })]);
    expect(answers.map((x) => x.res.status).sort()).toEqual([303, 422]);
  });

  it('accepts a recovery code instead of a TOTP code, once only', async () => {
    const [code = ''] = clinic.recoveryCodes;
    const first = await passwordStep(admin.email, admin.password);
    const used = await tryCode(first.b, { recovery: code.toLowerCase() });
    expect(used.res.status).toBe(303);
    const [entry] = await listAudit(t.db, { action: 'signin.succeeded' }, 1);
    expect(entry?.details).toEqual({ method: 'recovery' });
    const second = await passwordStep(admin.email, admin.password);
    const reused = await tryCode(second.b, { recovery: code });
    expect(reused.res.status).toBe(422);
    expect(alertText(reused.html)).toContain(GENERIC_FAILURE);
  });

  it('answers a wrong password, a wrong code and an unknown e-mail with the same message', async () => {
    const wrongPassword = await passwordStep(admin.email, 'not the password at all', '192.0.2.10');
    const unknown = await passwordStep('nobody@clinic.test', admin.password, '192.0.2.11');
    const right = await passwordStep(admin.email, admin.password, '192.0.2.12');
    const wrongCode = await tryCode(right.b, { code: '000000' }, right.headers);
    for (const answer of [wrongPassword, unknown, wrongCode]) {
      expect(answer.res.status).toBe(422);
      expect(alertText(answer.html)).toBe(`Not signed in${GENERIC_FAILURE}`);
    }
    // The e-mail is kept for the next try; the password never comes back.
    expect(fieldValue(unknown.html, 'email')).toBe('nobody@clinic.test');
    expect(wrongPassword.html).not.toContain('not the password at all');
    const failures = await listAudit(t.db, { action: 'signin.failed' }, 3);
    expect(failures.map((f) => [f.target, f.details.step])).toEqual([
      [`staff:${clinic.adminId}`, 'totp'],
      [null, 'password'],
      [`staff:${clinic.adminId}`, 'password'],
    ]);
  });
});
