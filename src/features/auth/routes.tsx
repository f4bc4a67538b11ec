import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { csrfToken, replaceBrowserToken } from './context.ts';
import { authSettings, type AuthDeps } from './deps.ts';
import { openDraft } from './drafts.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { CodePage } from './pages/code-page.tsx';
import { ContinuePage, MessagePage } from './pages/message-page.tsx';
import { RestorePage } from './pages/restore-page.tsx';
import { SignInPage, type Onward } from './pages/sign-in-page.tsx';
import { findLiveSession, getSessionPrivateKey, requireStaff } from './require-staff.ts';
import { safeReturnPath } from './return-path.ts';
import { deleteSession } from './session-queries.ts';
import { newToken } from './session-token.ts';
import { finishSignIn, startSignIn } from './sign-in.ts';
import { postedText } from '../../lib/posted.ts';

const NOTICES: Record<string, string> = {
  'signed-out': 'You are signed out.',
  everywhere: 'You are signed out on every device.',
  enrolled: 'Your account is ready. Sign in with your new password and a code from your app.',
};

/** Where to go after sign-in: a kept form first, else the page asked for. */
function readOnward(source: Record<string, unknown>): Onward {
  const draft = z.uuid().safeParse(source.draft);
  return { returnTo: safeReturnPath(source.return), draft: draft.success ? draft.data : '' };
}
const onwardQuery = (o: Onward) =>
  new URLSearchParams({ return: o.returnTo, ...(o.draft ? { draft: o.draft } : {}) });
const destination = (o: Onward) => (o.draft ? `/staff/restore/${o.draft}` : o.returnTo);
const text = postedText;

/**
 * Sign-in (two steps), sign-out, and the page that gives back a form kept across an expired
 * session. Mounted at /staff behind csrfProtection.
 * @example app.route('/staff', authRoutes(deps));
 */
export function authRoutes(deps: AuthDeps): Hono {
  const s = authSettings(deps);
  const { site } = s;
  const app = new Hono();
  const gate = requireStaff(deps);
  const cookieToken = (c: Context) => c.get('staffCookie').token;

  // /staff/ is the inbox's page; here it only sends signed-out visitors to sign in.
  app.get('/', gate, (_c, next) => next());

  app.get('/sign-in', async (c) => {
    const onward = readOnward(c.req.query());
    // Arriving from another site (an e-mailed link), the browser held back our SameSite=Strict
    // cookie; a same-site reload sends it rather than replacing it with a new one.
    if (!cookieToken(c) && c.req.header('sec-fetch-site') === 'cross-site') {
      const href = `/staff/sign-in?${new URLSearchParams(c.req.query())}`;
      return sendStaffPage(c, <ContinuePage site={site} staff={null} csrf="" href={href} />);
    }
    if ((await findLiveSession(s, cookieToken(c), s.now())).live) return c.redirect(destination(onward), 303);
    const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
    const page = { site, onward, email: '', problem: null, notice };
    return sendStaffPage(c, <SignInPage {...page} csrf={csrfToken(c)} />);
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const onward = readOnward(body);
    const email = text(body.email);
    const now = s.now();
    const outcome = await startSignIn(s, {
      email,
      password: text(body.password),
      address: s.clientAddress(c),
      now,
    });
    if (outcome.kind === 'pending') {
      replaceBrowserToken(c, outcome.token);
      return c.redirect(`/staff/sign-in/code?${onwardQuery(onward)}`, 303);
    }
    if (outcome.kind === 'throttled') c.header('Retry-After', String(outcome.retryAfter));
    const page = { site, onward, email, problem: outcome, notice: null };
    return sendStaffPage(
      c,
      <SignInPage {...page} csrf={csrfToken(c)} />,
      outcome.kind === 'throttled' ? 429 : 422,
    );
  });

  app.get('/sign-in/code', async (c) => {
    const onward = readOnward(c.req.query());
    const { session } = await findLiveSession(s, cookieToken(c), s.now());
    if (session?.stage !== 'pending') return c.redirect(`/staff/sign-in?${onwardQuery(onward)}`, 303);
    return sendStaffPage(
      c,
      <CodePage site={site} csrf={csrfToken(c)} onward={onward} problem={null} recovery={false} />,
    );
  });

  app.post('/sign-in/code', async (c) => {
    const body = await c.req.parseBody();
    const onward = readOnward(body);
    const recovery = text(body.recovery).trim() !== '';
    const factor = recovery
      ? ({ kind: 'recovery', code: text(body.recovery) } as const)
      : ({ kind: 'totp', code: text(body.code) } as const);
    const token = cookieToken(c);
    const outcome = token
      ? await finishSignIn(s, { pendingToken: token, factor, address: s.clientAddress(c), now: s.now() })
      : ({ kind: 'restart' } as const);
    if (outcome.kind === 'restart') return c.redirect(`/staff/sign-in?${onwardQuery(onward)}`, 303);
    if (outcome.kind === 'signed-in') {
      replaceBrowserToken(c, outcome.token);
      return c.redirect(destination(onward), 303);
    }
    if (outcome.kind === 'throttled') c.header('Retry-After', String(outcome.retryAfter));
    const page = { site, onward, problem: outcome, recovery };
    return sendStaffPage(
      c,
      <CodePage {...page} csrf={csrfToken(c)} />,
      outcome.kind === 'throttled' ? 429 : 422,
    );
  });

  app.post('/sign-out', async (c) => {
    const now = s.now();
    const { session, live } = await findLiveSession(s, cookieToken(c), now);
    if (session) await deleteSession(s.db, session.id);
    if (session && live) {
      const actor = {
        actorId: session.staffId,
        actorEmail: session.email,
        target: `staff:${session.staffId}`,
      };
      await recordAudit(s.db, { ...actor, action: 'signout', address: s.clientAddress(c), details: {} }, now);
    }
    // A new browser token: the old one (and its CSRF token) is worth nothing now.
    replaceBrowserToken(c, newToken());
    return c.redirect('/staff/sign-in?notice=signed-out', 303);
  });

  app.get('/restore/:id', gate, async (c) => {
    const staff = c.get('staff');
    const privateKey = await getSessionPrivateKey(c);
    const draft = await openDraft(s.db, c.req.param('id'), staff.staffId, privateKey, s.now());
    const frame = { site, staff, csrf: csrfToken(c) };
    if (!draft) {
      const page = (
        <MessagePage {...frame} title="This form is no longer kept">
          <p>A form kept after a session ended is kept for an hour, for the member who wrote it.</p>
        </MessagePage>
      );
      return sendStaffPage(c, page, 410);
    }
    return sendStaffPage(c, <RestorePage {...frame} draft={draft} />);
  });

  return app;
}
