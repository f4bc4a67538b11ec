import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SITE_URL, type TestApp } from '../../../tests/setup/test-app.ts';
import { isSetupComplete, prepareFirstStart, unlockWithPassword, unlockWithRecoveryKey } from './index.ts';

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
    expect(html.match(/autocomplete="new-password"/g)).toHaveLength(2);
    expect(html).toMatch(/<label for="email">E-mail address \(required\)<\/label>/);
    // Keeps the token out of Referer, yet lets browsers send their Origin with the post.
    expect(html).toContain('<meta name="referrer" content="strict-origin"/>');
    expect(html).not.toMatch(/<script|style=/);
  });

  it('refuses a post without our Origin and creates nothing', async () => {
    const fields = { token, email: 'admin@clinic.test', password: PASSWORD, confirm: PASSWORD };
    for (const origin of [null, 'https://evil.example']) {
      const res = await post(fields, origin);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form was not accepted');
    }
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('re-renders bad input with 422, the e-mail kept, the password never echoed, and errors linked', async () => {
    const res = await post({ token, email: 'Admin@Clinic.Test', password: 'short', confirm: 'short' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Admin@Clinic.Test"');
    expect(html).not.toContain('value="short"');
    expect(html).toContain('<a href="#password">Choose a password of at least 12 characters');
    expect(html).toMatch(/id="password"[^>]*aria-invalid="true" aria-describedby="password-error"/);

    const mismatch = await post({ token, email: 'nope', password: PASSWORD, confirm: `${PASSWORD}x` });
    const mismatchHtml = await mismatch.text();
    expect(mismatch.status).toBe(422);
    expect(mismatchHtml).toContain('<a href="#email">Enter your e-mail address');
    expect(mismatchHtml).toContain('<a href="#confirm">Type the same password again');
    expect(await isSetupComplete(t.db)).toBe(false);
  });

  it('creates the admin and shows the recovery key, TOTP QR code and URI, and ten codes once', async () => {
    const res = await post({ token, email: ' Admin@Clinic.Test ', password: PASSWORD, confirm: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Store what follows offline now');
    expect(html).toMatch(/<svg role="img" aria-label="QR code for your authenticator app" [^>]*viewBox=/);
    expect(html).not.toMatch(/<script|style=/);
    const uri = unescapeHtml(html.match(/id="totp-uri">([^<]+)</)?.[1] ?? '');
    expect(new URL(uri).searchParams.get('issuer')).toBe('Los Angeles Neuroplasty Center');
    expect(html.match(/<li><code>[0-9A-Z]{4}(-[0-9A-Z]{4}){3}<\/code><\/li>/g)).toHaveLength(10);
    const recoveryKey = html.match(/id="recovery-key">([0-9A-Z-]+)</)?.[1] ?? '';

    const fromPage = await unlockWithRecoveryKey(t.db, recoveryKey);
    const fromPassword = await unlockWithPassword(t.db, 'admin@clinic.test', PASSWORD);
    expect(Buffer.from(fromPage).equals(Buffer.from(fromPassword))).toBe(true);
  });

  it('does not work a second time: a resend or reload gets the "not valid" page', async () => {
    const again = await post({ token, email: 'other@clinic.test', password: PASSWORD, confirm: PASSWORD });
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
