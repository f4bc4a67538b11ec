import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../../tests/setup/staff.ts';
import { createTestApp, TEST_SITE_URL, type TestApp } from '../../../tests/setup/test-app.ts';
import {
  isSetupComplete,
  openMemberTotp,
  prepareFirstStart,
  unlockWithPassword,
  unlockWithRecoveryKey,
  type StoredTotp,
} from './index.ts';

const PASSWORD = 'set-up page passphrase';

let t: TestApp;
let token = '';
beforeAll(async () => {
  t = await createTestApp();
  token = (await prepareFirstStart(t.db))?.setupToken ?? '';
});
afterAll(() => t.close());

function post(fields: Record<string, string>, origin: string | null = TEST_SITE_URL) {
  return t.app.request('/staff/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** Step one posted with a good e-mail: step two's page, its key and the fields it carries. */
async function secureStep(email = 'admin@clinic.test') {
  const res = await post({ token, step: 'email', email });
  expect(res.status).toBe(200);
  const html = await res.text();
  const uri = unescapeHtml(html.match(/id="totp-uri">([^<]+)</)?.[1] ?? '');
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  expect(html).toContain(`<input type="hidden" name="totp-secret" value="${secret}"/>`);
  const fields = { token, step: 'secure', email: email.trim().toLowerCase(), 'totp-secret': secret };
  return { html, uri, secret, fields };
}

describe('the set-up link pages', () => {
  it('answers a missing or wrong token with a clear "not valid" page', async () => {
    for (const path of ['/staff/setup', '/staff/setup?token=wrong']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('This set-up link is not valid');
    }
  });

  it('shows a form that works without JavaScript, carries the token, and is never cached', async () => {
    const res = await t.app.request(`/staff/setup?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toMatch(/<form method="post" action="\/staff\/setup">/);
    expect(html).toContain(`<input type="hidden" name="token" value="${token}"/>`);
    expect(html).toMatch(/<label for="email">E-mail address \(required\)<\/label>/);
    // Keeps the token out of Referer, yet lets browsers send their Origin with the post.
    expect(html).toContain('<meta name="referrer" content="strict-origin"/>');
    expect(html).not.toMatch(/<script|style=/);
  });

  it('refuses a post without our Origin and creates nothing', async () => {
    const fields = { token, step: 'email', email: 'admin@clinic.test' };
    for (const origin of [null, 'https://evil.example']) {
      const res = await post(fields, origin);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form was not accepted');
    }
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('asks again for a bad e-mail with 422 and the error linked', async () => {
    const res = await post({ token, step: 'email', email: 'nope' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="nope"');
    expect(html).toContain('<a href="#email">Enter your e-mail address');
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('then shows the password fields, the QR code, named apps and a code field', async () => {
    const step = await secureStep();
    expect(step.html.match(/autocomplete="new-password"/g)).toHaveLength(2);
    expect(step.html).toMatch(
      /<svg role="img" aria-label="QR code for your authenticator app" [^>]*viewBox=/,
    );
    expect(step.html).toContain('Google Authenticator');
    expect(step.html).toContain('Microsoft Authenticator');
    expect(step.html).toMatch(/<input[^>]*name="code"[^>]*autocomplete="one-time-code"/);
    expect(new URL(step.uri).searchParams.get('issuer')).toBe('Los Angeles Neuroplasty Center');
    expect(decodeURIComponent(new URL(step.uri).pathname)).toContain('admin@clinic.test');
    expect(step.html).not.toMatch(/<script|style=/);
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('re-renders bad input with 422, the same key, the password never echoed, and errors linked', async () => {
    const step = await secureStep();
    const res = await post({ ...step.fields, password: 'short', confirm: 'short', code: '12' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain('value="short"');
    expect(html).toContain('<a href="#password">Choose a password of at least 12 characters');
    expect(html).toContain('<a href="#code">Enter the 6-digit code');
    expect(html).toContain(step.secret);
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('creates nothing while the code from the app is wrong', async () => {
    const step = await secureStep();
    const wrong = (await totpAt(step.secret, new Date(Date.now() - 10 * 60_000))) as string;
    const res = await post({ ...step.fields, password: PASSWORD, confirm: PASSWORD, code: wrong });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<a href="#code">Enter the 6-digit code');
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('with a right code creates the admin and shows the printable recovery kit once, with the way to sign in', async () => {
    const step = await secureStep(' Admin@Clinic.Test ');
    const code = await totpAt(step.secret, new Date());
    const res = await post({ ...step.fields, password: PASSWORD, confirm: PASSWORD, code });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Print this page now');
    expect(html).toMatch(/<a class="button" href="\/staff\/sign-in" id="sign-in-link">Then sign in<\/a>/);
    expect(html).toMatch(/<section class="recovery-kit"/);
    expect(html).toContain('What it is for: it opens every patient request');
    expect(html).toContain('Where to keep it:');
    expect(html).not.toMatch(/<script|style=/);
    expect(html.match(/<li><code>[0-9A-Z]{4}(-[0-9A-Z]{4}){3}<\/code><\/li>/g)).toHaveLength(10);
    const recoveryKey = html.match(/id="recovery-key">([0-9A-Z-]+)</)?.[1] ?? '';

    const fromPage = await unlockWithRecoveryKey(t.db, recoveryKey);
    const fromPassword = await unlockWithPassword(t.db, 'admin@clinic.test', PASSWORD);
    expect(Buffer.from(fromPage).equals(Buffer.from(fromPassword))).toBe(true);
    // The app proven at set-up is the one stored (sealed under the password), and its code is spent.
    const [admin] = await t.db.query<StoredTotp & { totp_secret: string | null; totp_last_step: unknown }>(
      'SELECT id, totp_secret, totp_sealed, totp_salt, totp_kdf, totp_clinic_sealed, totp_last_step FROM staff',
    );
    expect(admin?.totp_secret).toBeNull();
    expect(admin && (await openMemberTotp(t.db, admin, PASSWORD, null))).toBe(step.secret);
    expect(admin?.totp_last_step).not.toBeNull();
  });

  it('does not work a second time: a resend or reload gets the "not valid" page', async () => {
    const again = await post({ token, step: 'email', email: 'other@clinic.test' });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('This set-up link is not valid');
    expect((await t.app.request(`/staff/setup?token=${token}`)).status).toBe(404);
    expect(await t.db.query('SELECT 1 FROM staff')).toHaveLength(1);
  });

  it('never writes the token or the password to the log', () => {
    const log = t.logs.join('');
    expect(log).toContain('/staff/setup');
    expect(log).not.toContain(token);
    expect(log).not.toContain(PASSWORD);
  });
});
