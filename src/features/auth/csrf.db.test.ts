import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  type StaffBrowser,
} from '../../../tests/setup/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';

const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
let b: StaffBrowser;
let csrf: string;

beforeAll(async () => {
  t = await createTestApp({ now: clock.now });
  clinic = await setUpClinic(t.db);
  b = staffBrowser(t.app);
  await signIn(b, { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret }, clock);
  csrf = fieldValue((await b.get('/staff/account')).html, 'csrf');
});
afterAll(() => t.close());

const stillSignedIn = async () => (await b.get('/staff/account')).res.status === 200;

describe('CSRF protection on staff forms', () => {
  it('refuses a post without the csrf field, with 403 and nothing done', async () => {
    const res = await b.post('/staff/account/sign-out-everywhere', {});
    expect(res.res.status).toBe(403);
    expect(res.html).toContain('This form was not accepted');
    expect(await stillSignedIn()).toBe(true);
  });

  it('refuses a post from another origin, or with no Origin, even with the right token', async () => {
    for (const origin of ['https://evil.example', 'http://clinic.test', null]) {
      const res = await b.post('/staff/account/sign-out-everywhere', { csrf }, { origin });
      expect(res.res.status, String(origin)).toBe(403);
    }
    expect(await stillSignedIn()).toBe(true);
  });

  it("refuses another browser's token, and a token sent without its cookie", async () => {
    const other = staffBrowser(t.app);
    const otherCsrf = fieldValue((await other.get('/staff/sign-in')).html, 'csrf');
    expect(otherCsrf).not.toBe(csrf);
    expect((await b.post('/staff/account/sign-out-everywhere', { csrf: otherCsrf })).res.status).toBe(403);
    const bare = await t.app.request('/staff/account/sign-out-everywhere', {
      method: 'POST',
      headers: { origin: 'https://clinic.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(bare.status).toBe(403);
    expect(await stillSignedIn()).toBe(true);
  });

  it('guards the sign-in form itself (no login CSRF)', async () => {
    const stranger = staffBrowser(t.app);
    await stranger.get('/staff/sign-in');
    const res = await stranger.post('/staff/sign-in', { email: clinic.email, password: clinic.password });
    expect(res.res.status).toBe(403);
  });

  it('accepts the post with our Origin and the token, and keeps staff pages out of caches', async () => {
    const page = await b.get('/staff/account');
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    const res = await b.post('/staff/account/sign-out-everywhere', { csrf });
    expect(res.res.status).toBe(303);
    expect(await stillSignedIn()).toBe(false);
  });
});

describe('the way in', () => {
  it('sends a signed-out visitor of /staff/ to sign in, and a signed-in one past the sign-in page', async () => {
    const stranger = staffBrowser(t.app);
    const inbox = await stranger.get('/staff/');
    expect(inbox.res.status).toBe(303);
    expect(inbox.res.headers.get('location')).toBe('/staff/sign-in?return=%2Fstaff%2F');
    const member = staffBrowser(t.app);
    await signIn(
      member,
      { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret },
      clock,
    );
    const again = await member.get('/staff/sign-in?return=%2Fstaff%2Faccount');
    expect(again.res.headers.get('location')).toBe('/staff/account');
  });

  it('arriving from another site without the cookie, reloads same-site instead of replacing the cookie', async () => {
    const res = await t.app.request('/staff/sign-in?return=%2Fstaff%2F', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain(
      '<meta http-equiv="refresh" content="0; url=/staff/sign-in?return=%2Fstaff%2F"/>',
    );
  });
});
