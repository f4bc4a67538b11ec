import { parse } from 'node-html-parser';
import { generate } from 'otplib';
import type { Database } from '../../src/db/client.ts';
import type { StaffRole } from '../../src/features/auth/index.ts';
import { acceptInvite, createInvite, findInvite } from '../../src/features/staff/index.ts';
import { setUpClinic } from './keys.ts';
import { createTestApp, TEST_SITE_URL } from './test-app.ts';

/** A clock a test moves by hand: pass `now` to createTestApp. */
export type TestClock = { now: () => Date; advance(ms: number): void; set(at: Date): void };

export function testClock(start = new Date('2026-11-25T09:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => void (current += ms),
    set: (at) => void (current = at.getTime()),
  };
}

/** The TOTP code an authenticator app shows at `at`. */
export function totpAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The value of a page's first input named `name` (hidden or not). */
export function fieldValue(html: string, name: string): string {
  return parse(html).querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
}

export type Page = { res: Response; html: string };

/** What a test browser sends requests to: an app in this process (Hono's app.request) or overHttp. */
export type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** A real server process as a Requester: the same requests, over HTTP. */
export const overHttp = (baseUrl: string): Requester => ({
  request: (path, init) => fetch(new URL(path, baseUrl), init),
});

/** A clock that is the real time, for signIn against a real server process (advance does nothing). */
export const realClock: TestClock = { now: () => new Date(), advance: () => undefined, set: () => undefined };

/**
 * One browser for app.request(): keeps cookies like a browser does (Set-Cookie replaces by name,
 * Max-Age=0 deletes) and sends our Origin with posts, unless told otherwise.
 */
export function staffBrowser(app: Requester, siteUrl = TEST_SITE_URL) {
  const jar = new Map<string, string>();
  const store = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (/;\s*max-age=0\b/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
  const send = async (
    path: string,
    init: RequestInit & { headers?: Record<string, string> },
  ): Promise<Page> => {
    const res = await app.request(path, {
      ...init,
      headers: { cookie: cookie(), ...init.headers },
      redirect: 'manual',
    });
    store(res);
    return { res, html: await res.text() };
  };
  return {
    jar,
    get: (path: string, headers: Record<string, string> = {}) => send(path, { headers }),
    /** GET, following same-site redirects (a search is kept in the session and shown at ?s=…). */
    async follow(path: string): Promise<Page & { path: string }> {
      let at = path;
      for (let hops = 0; hops < 5; hops++) {
        const page = await send(at, { headers: {} });
        const location = page.res.headers.get('location');
        if (page.res.status !== 303 || !location?.startsWith('/')) return { ...page, path: at };
        at = location;
      }
      throw new Error(`too many redirects from ${path}`);
    },
    post: (
      path: string,
      fields: Record<string, string>,
      options: { origin?: string | null; headers?: Record<string, string> } = {},
    ) => {
      const origin = options.origin === undefined ? siteUrl : options.origin;
      return send(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin ? { origin } : {}),
          ...options.headers,
        },
        body: new URLSearchParams(fields).toString(),
      });
    },
  };
}

export type StaffBrowser = ReturnType<typeof staffBrowser>;
export type Credentials = { email: string; password: string; totpSecret: string };

/**
 * Signs in through both steps as a browser would: GET the form (for its CSRF token), post the
 * password, post a fresh TOTP code. Moves the clock to the next 30-second step first, so a code
 * is never reused. Returns the last response (a 303 on success).
 */
export async function signIn(
  browser: StaffBrowser,
  who: Credentials,
  clock: TestClock,
  options: { returnTo?: string; draft?: string } = {},
): Promise<Page> {
  const query = new URLSearchParams({
    ...(options.returnTo ? { return: options.returnTo } : {}),
    ...(options.draft ? { draft: options.draft } : {}),
  });
  const form = await browser.get(`/staff/sign-in?${query}`);
  const step1 = await browser.post('/staff/sign-in', {
    csrf: fieldValue(form.html, 'csrf'),
    return: fieldValue(form.html, 'return'),
    draft: fieldValue(form.html, 'draft'),
    email: who.email,
    password: who.password,
  });
  if (step1.res.status !== 303) return step1;
  const codePage = await browser.get(step1.res.headers.get('location') ?? '');
  clock.advance(30_000);
  return browser.post('/staff/sign-in/code', {
    csrf: fieldValue(codePage.html, 'csrf'),
    return: fieldValue(codePage.html, 'return'),
    draft: fieldValue(codePage.html, 'draft'),
    code: await totpAt(who.totpSecret, clock.now()),
  });
}

/**
 * Adds a member the way the web does (an admin's invite, accepted with a password and a TOTP
 * code), straight through the functions. Returns what signIn needs, plus their id.
 */
export async function addMember(
  db: Database,
  input: { email: string; role: StaffRole; adminKey: Uint8Array | null; clock: TestClock; password?: string },
): Promise<Credentials & { staffId: string; recoveryCodes: string[] }> {
  const { clock } = input;
  const password = input.password ?? `a fine passphrase for ${input.email}`;
  const actor = { staffId: null, email: null, address: null, via: 'cli' } as const;
  const issued = await createInvite(db, { ...input, privateKey: input.adminKey, actor, now: clock.now() });
  const invite = await findInvite(db, issued.token, clock.now());
  if (!invite) throw new Error('the invite just made was not found');
  const code = await totpAt(invite.totpSecret, clock.now());
  const accepted = await acceptInvite(db, {
    token: issued.token,
    password,
    confirm: password,
    code,
    now: clock.now(),
    address: null,
  });
  if (!accepted.ok) throw new Error(`acceptInvite refused: ${JSON.stringify(accepted.errors)}`);
  return {
    email: input.email,
    password,
    totpSecret: invite.totpSecret,
    staffId: accepted.staffId,
    recoveryCodes: accepted.recoveryCodes,
  };
}

/**
 * Step 1 of sign-in from a fresh browser at `address` (sent as x-test-address; pass a
 * clientAddress that reads it). The browser holds the pending session when the password fit.
 */
export async function tryPassword(app: Requester, email: string, password: string, address = '198.51.100.1') {
  const b = staffBrowser(app);
  const headers = { 'x-test-address': address };
  const form = await b.get('/staff/sign-in', headers);
  const res = await b.post(
    '/staff/sign-in',
    { csrf: fieldValue(form.html, 'csrf'), email, password },
    { headers },
  );
  return { b, ...res, headers };
}

/** Step 2 of sign-in: posts `fields` (code or recovery) from the code page. */
export async function tryCode(
  b: StaffBrowser,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const page = await b.get('/staff/sign-in/code', headers);
  return b.post('/staff/sign-in/code', { csrf: fieldValue(page.html, 'csrf'), ...fields }, { headers });
}

/** An app.request clientAddress that reads the test's x-test-address header. */
export const testAddress = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header('x-test-address') ?? '198.51.100.1';

/**
 * The real app with a set-up clinic and its admin signed in. Call `keepSignedIn()` before each
 * test: it signs the admin in again when an earlier test moved the clock past the session.
 */
export async function adminWorld(clock: TestClock) {
  const t = await createTestApp({ now: clock.now });
  const clinic = await setUpClinic(t.db);
  const admin = staffBrowser(t.app);
  const credentials = { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret };
  const keepSignedIn = async () => {
    if ((await admin.get('/staff/account')).res.status === 200) return;
    await signIn(admin, credentials, clock);
  };
  await keepSignedIn();
  return { t, clinic, admin, keepSignedIn };
}
