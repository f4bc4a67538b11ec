import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createApp } from '../../app.ts';
import { createLogger } from '../../lib/logger.ts';
import { listAudit } from '../audit/index.ts';
import { openSessionKey } from '../keys/index.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
  type Credentials,
} from '../../../tests/setup/staff.ts';
import { createTestApp, TEST_SITE_URL, testPublicSite, type TestApp } from '../../../tests/setup/test-app.ts';
import { cleanUpAuth, getSessionPrivateKey, requireRole, requireStaff, type AuthDeps } from './index.ts';
import { hashToken, tokenBytes } from './session-token.ts';

const COOKIE = '__Host-clinic_session';
const MINUTE = 60_000;
const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
let admin: Credentials;
let deps: AuthDeps;
const seen: { key?: Uint8Array; note?: string } = {};

beforeAll(async () => {
  t = await createTestApp({ now: clock.now });
  clinic = await setUpClinic(t.db);
  admin = { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret };
  deps = { db: t.db, env: { siteUrl: TEST_SITE_URL }, publicSite: await testPublicSite(), now: clock.now };
  // Stand-ins for the inbox's pages: one that needs the key, one for coordinators, one form.
  t.app.get('/staff/test/key', requireStaff(deps), async (c) => {
    seen.key = await getSessionPrivateKey(c);
    return c.text('opened');
  });
  t.app.get('/staff/test/requests', requireStaff(deps), requireRole('admin', 'coordinator'), (c) =>
    c.text('requests'),
  );
  t.app.post('/staff/test/note', requireStaff(deps), async (c) => {
    seen.note = String((await c.req.parseBody()).note);
    return c.text('saved');
  });
});
afterAll(() => t.close());

const sessionsOf = (staffId: string) =>
  t.db.query<{ id: string; sealed_key: Uint8Array | null }>(
    'SELECT id, sealed_key FROM staff_sessions WHERE staff_id = $1',
    [staffId],
  );

async function signedIn(who: Credentials = admin) {
  const b = staffBrowser(t.app);
  expect((await signIn(b, who, clock)).res.status).toBe(303);
  return b;
}

describe('sessions', () => {
  it('end after 15 minutes unused (each request restarts the timer), deleting the session and its key', async () => {
    const b = await signedIn();
    for (const wait of [14, 14, 14.9]) {
      clock.advance(wait * MINUTE);
      expect((await b.get('/staff/account')).res.status).toBe(200);
    }
    clock.advance(15 * MINUTE);
    const ended = await b.get('/staff/account');
    expect(ended.res.status).toBe(303);
    expect(ended.res.headers.get('location')).toBe('/staff/sign-in?return=%2Fstaff%2Faccount');
    // The key goes at once; the row an hour later (it names the member for a form posted late).
    expect((await sessionsOf(clinic.adminId)).map((row) => row.sealed_key)).toEqual([null]);
    clock.advance(61 * MINUTE);
    await cleanUpAuth(t.db, clock.now());
    expect(await sessionsOf(clinic.adminId)).toEqual([]);
  });

  it('follow a configured idle timeout (SESSION_IDLE_MINUTES)', async () => {
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const base = { env: { siteUrl: TEST_SITE_URL }, db: t.db, logger: createLogger('silent', sink) };
    const app = createApp({
      ...base,
      publicSite: await testPublicSite(),
      now: clock.now,
      session: { idleMs: 2 * MINUTE },
    });
    const b = staffBrowser(app);
    expect((await signIn(b, admin, clock)).res.status).toBe(303);
    clock.advance(1.5 * MINUTE);
    expect((await b.get('/staff/account')).res.status).toBe(200);
    clock.advance(2 * MINUTE);
    expect((await b.get('/staff/account')).res.status).toBe(303);
  });

  it('end 12 hours after sign-in however busy', async () => {
    const b = await signedIn();
    for (let elapsed = 0; elapsed < 11 * 60 + 50; elapsed += 10) {
      clock.advance(10 * MINUTE);
      expect((await b.get('/staff/account')).res.status).toBe(200);
    }
    clock.advance(10 * MINUTE);
    expect((await b.get('/staff/account')).res.status).toBe(303);
  });

  it('keep the clinic key only sealed under a secret derived from the cookie token', async () => {
    const b = await signedIn();
    const token = b.jar.get(COOKIE) ?? '';
    const [row] = await t.db.query<{ id: string; sealed_key: Uint8Array }>(
      'SELECT id, sealed_key FROM staff_sessions WHERE token_hash = $1',
      [Buffer.from(hashToken(token))],
    );
    const sealed = new Uint8Array(row?.sealed_key ?? []);
    expect(Buffer.from(sealed).includes(Buffer.from(clinic.privateKey))).toBe(false);
    expect(openSessionKey(tokenBytes(token), row?.id ?? '', sealed)).toEqual(clinic.privateKey);
    expect((await b.get('/staff/test/key')).res.status).toBe(200);
    expect(seen.key).toEqual(clinic.privateKey);
  });

  it('sign out: the session and its key are deleted, the old cookie stops working, a new token is set', async () => {
    const b = await signedIn();
    const oldToken = b.jar.get(COOKIE) ?? '';
    const oldCookie = `${COOKIE}=${oldToken}`;
    const page = await b.get('/staff/account');
    const out = await b.post('/staff/sign-out', { csrf: fieldValue(page.html, 'csrf') });
    expect(out.res.status).toBe(303);
    expect(out.res.headers.get('location')).toBe('/staff/sign-in?notice=signed-out');
    expect(`${COOKIE}=${b.jar.get(COOKIE)}`).not.toBe(oldCookie);
    const replay = await t.app.request('/staff/account', { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(303);
    const rows = await t.db.query('SELECT id FROM staff_sessions WHERE token_hash = $1', [
      Buffer.from(hashToken(oldToken)),
    ]);
    expect(rows).toEqual([]);
    expect((await listAudit(t.db, { action: 'signout' }, 1))[0]?.actorId).toBe(clinic.adminId);
  });

  it('sign out everywhere ends every session of the member', async () => {
    const [one, two] = [await signedIn(), await signedIn()];
    const before = (await sessionsOf(clinic.adminId)).length;
    expect(before).toBeGreaterThanOrEqual(2);
    const page = await one.get('/staff/account');
    const out = await one.post('/staff/account/sign-out-everywhere', { csrf: fieldValue(page.html, 'csrf') });
    expect(out.res.headers.get('location')).toBe('/staff/sign-in?notice=everywhere');
    expect((await two.get('/staff/account')).res.status).toBe(303);
    expect(await sessionsOf(clinic.adminId)).toEqual([]);
    expect((await listAudit(t.db, { action: 'signout.everywhere' }, 1))[0]?.details).toEqual({
      sessions: before,
    });
  });
});

describe('an expired session', () => {
  it('sends the member to sign in, then back to the page they wanted', async () => {
    const b = await signedIn();
    clock.advance(16 * MINUTE);
    const away = await b.get('/staff/account?tab=password');
    expect(away.res.headers.get('location')).toBe(
      '/staff/sign-in?return=%2Fstaff%2Faccount%3Ftab%3Dpassword',
    );
    const back = await signIn(b, admin, clock, { returnTo: '/staff/account?tab=password' });
    expect(back.res.headers.get('location')).toBe('/staff/account?tab=password');
  });

  it('keeps a form posted after it ended, sealed, and gives it back after sign-in', async () => {
    const b = await signedIn();
    const page = await b.get('/staff/account');
    clock.advance(16 * MINUTE);
    const note = 'Called back María, prefers mornings (marker Qzpreserved)';
    const posted = await b.post('/staff/test/note', {
      csrf: fieldValue(page.html, 'csrf'),
      note,
      request: 'r-1',
    });
    expect(posted.res.status).toBe(303);
    const draft =
      new URL(posted.res.headers.get('location') ?? '', TEST_SITE_URL).searchParams.get('draft') ?? '';
    expect(draft).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await t.db.query<{ sealed: Uint8Array }>('SELECT sealed FROM staff_drafts WHERE id = $1', [
      draft,
    ]);
    expect(Buffer.from(stored[0]?.sealed ?? []).toString('latin1')).not.toContain('Qzpreserved');

    const back = await signIn(b, admin, clock, { draft });
    expect(back.res.headers.get('location')).toBe(`/staff/restore/${draft}`);
    const restore = await b.get(`/staff/restore/${draft}`);
    expect(restore.res.status).toBe(200);
    expect(restore.html).toContain('action="/staff/test/note"');
    expect(fieldValue(restore.html, 'note')).toBe(note);
    expect(fieldValue(restore.html, 'csrf')).not.toBe(fieldValue(page.html, 'csrf'));
    const sent = await b.post('/staff/test/note', {
      csrf: fieldValue(restore.html, 'csrf'),
      note,
      request: 'r-1',
    });
    expect(sent.html).toBe('saved');
    expect(seen.note).toBe(note);
  });
});

describe('forms posted without a live session', () => {
  const draftCount = async (where = 'true', params: unknown[] = []) =>
    Number(
      (
        await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_drafts WHERE ${where}`, params)
      )[0]?.n,
    );
  /** A stranger: a cookie and a CSRF token from the sign-in page, never signed in. */
  async function stranger() {
    const b = staffBrowser(t.app);
    const page = await b.get('/staff/sign-in');
    return { b, csrf: fieldValue(page.html, 'csrf') };
  }

  it("a stranger's post to a staff action stores nothing and goes to sign-in", async () => {
    const before = await draftCount();
    const { b, csrf } = await stranger();
    const member = await addMember(t.db, {
      email: 'target@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    });
    const planted = await b.post(`/staff/staff/${member.staffId}/disable`, { csrf, confirm: 'yes' });
    expect(planted.res.status).toBe(303);
    expect(planted.res.headers.get('location')).toBe('/staff/sign-in');
    expect(await draftCount()).toBe(before);
    const [row] = await t.db.query<{ disabled_at: Date | null }>(
      'SELECT disabled_at FROM staff WHERE id = $1',
      [member.staffId],
    );
    expect(row?.disabled_at).toBeNull();
  });

  it('500 anonymous posts of a 30 KB note leave no row', async () => {
    const before = await draftCount();
    const { b, csrf } = await stranger();
    const note = 'x'.repeat(30_000);
    for (let batch = 0; batch < 20; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 25 }, () =>
          b.post(`/staff/requests/${crypto.randomUUID()}/notes`, { csrf, note }).then((r) => r.res.status),
        ),
      );
      expect(statuses.every((status) => status === 303)).toBe(true);
    }
    expect(await draftCount()).toBe(before);
  });

  it('keeps at most five forms for the member whose session ended, even after the cleanup job, and gives them to no one else', async () => {
    const b = await signedIn();
    const page = await b.get('/staff/account');
    clock.advance(16 * MINUTE);
    await cleanUpAuth(t.db, clock.now());
    const drafts: string[] = [];
    for (let i = 0; i < 8; i++) {
      clock.advance(1_000);
      const posted = await b.post('/staff/test/note', {
        csrf: fieldValue(page.html, 'csrf'),
        note: `note ${i}`,
      });
      drafts.push(
        new URL(posted.res.headers.get('location') ?? '', TEST_SITE_URL).searchParams.get('draft') ?? '',
      );
    }
    expect(drafts.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(await draftCount('staff_id = $1', [clinic.adminId])).toBe(5);
    const coordinator = await addMember(t.db, {
      email: 'other-coordinator@clinic.test',
      role: 'coordinator',
      adminKey: clinic.privateKey,
      clock,
    });
    const other = await signedIn(coordinator);
    expect((await other.get(`/staff/restore/${drafts.at(-1)}`)).res.status).toBe(410);
    const back = await signIn(b, admin, clock, { draft: drafts.at(-1) ?? '' });
    const restore = await b.get(back.res.headers.get('location') ?? '');
    expect(restore.res.status).toBe(200);
    expect(restore.html).toContain('What sending it does:');
    expect(restore.html).toContain('It goes to <code>/staff/test/note</code>');
    expect(fieldValue(restore.html, 'note')).toBe('note 7');
    expect((await b.get(`/staff/restore/${drafts[0]}`)).res.status).toBe(410);
  });
});

describe('roles', () => {
  it('marketing gets 403 on a coordinator page and no clinic key, in the session or anywhere', async () => {
    const marketing = await addMember(t.db, {
      email: 'marketing@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    });
    const b = await signedIn(marketing);
    const page = await b.get('/staff/test/requests');
    expect(page.res.status).toBe(403);
    expect(page.html).toContain('You do not have access to this page');
    expect((await b.get('/staff/test/key')).res.status).toBe(403);
    expect((await sessionsOf(marketing.staffId)).map((s) => s.sealed_key)).toEqual([null]);
    expect(await t.db.query('SELECT id FROM key_wraps WHERE staff_id = $1', [marketing.staffId])).toEqual([]);
    expect((await b.get('/staff/account')).html).not.toMatch(/href="\/staff\/staff"|>Inbox</);
  });
});
