import { hkdfSync } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../../lib/http-error.ts';
import { holdsClinicKey, type StaffRole } from './roles.ts';
import { openSessionKey, UnwrapError } from '../keys/index.ts';
import { authSettings, type AuthDeps, type AuthSettings } from './deps.ts';
import { draftFields, preserveDraft } from './drafts.ts';
import { deleteSession, endSession, findSession, touchSession, type SessionRow } from './session-queries.ts';
import { sessionState } from './session-policy.ts';
import { hashToken, tokenBytes } from './session-token.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Lets only signed-in staff through; sets c.get('staff') and restarts the idle timer. Without a
 * live session: a GET goes (303) to /staff/sign-in?return=<path>; a POST (its Origin and CSRF
 * token already checked by csrfProtection) has its typed fields sealed and kept, and goes to
 * sign-in, after which the member gets the form back to send again (see drafts.ts).
 * An ended session loses its sealed copy of the clinic key on sight. With `restartIdleTimer:
 * false` (a page's background poll) the session is checked but its idle timer is left running.
 * @example app.get('/requests/:id', requireStaff(deps), requireRole('admin', 'coordinator'), handler)
 */
export function requireStaff(
  deps: AuthDeps,
  options: { restartIdleTimer?: boolean } = {},
): MiddlewareHandler {
  const { restartIdleTimer = true } = options;
  const settings = authSettings(deps);
  const { db, now } = settings;
  return async (c, next) => {
    // Already checked for this request (a guard on /staff/ and the page's own): once is enough.
    if (c.get('staff')) return next();
    const token = c.get('staffCookie')?.token ?? null;
    const at = now();
    const { session, live } = await findLiveSession(settings, token, at);
    if (token && session && live) {
      if (restartIdleTimer) await touchSession(db, session.id, at);
      c.set('staff', {
        sessionId: session.id,
        staffId: session.staffId,
        email: session.email,
        role: session.role,
      });
      c.set('staffSessionSecrets', { sessionId: session.id, token, sealedKey: session.sealedKey });
      return next();
    }
    const url = new URL(c.req.url);
    if (SAFE_METHODS.has(c.req.method)) {
      return c.redirect(`/staff/sign-in?return=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    // Only a member whose signed-in session has just ended gets the form kept (the ended session
    // names them); from anyone else, a POST writes nothing.
    if (!session || session.stage !== 'active' || session.memberDisabled)
      return c.redirect('/staff/sign-in', 303);
    const fields = draftFields(await c.req.parseBody({ all: true }).catch(() => ({})));
    const draftId = await preserveDraft(db, { path: url.pathname, fields }, session.staffId, at);
    return c.redirect(draftId ? `/staff/sign-in?draft=${draftId}` : '/staff/sign-in', 303);
  };
}

/**
 * The session a token names and whether it is signed in and live at `at`. One that has ended
 * (idle, past its absolute end, or its member disabled) loses its sealed key here.
 */
export async function findLiveSession(
  s: Pick<AuthSettings, 'db' | 'policy'>,
  token: string | null,
  at: Date,
): Promise<{ session: SessionRow | null; live: boolean }> {
  const session = token ? await findSession(s.db, hashToken(token)) : null;
  if (!session) return { session: null, live: false };
  const state = session.memberDisabled ? 'expired' : sessionState(session, at, s.policy);
  // An ended signed-in session loses its key at once but its row stays a while (cleanUpAuth),
  // so a form posted after it ended is kept for that member, and for no one else.
  if (state !== 'live') {
    if (session.stage === 'active' && !session.memberDisabled) await endSession(s.db, session.id);
    else await deleteSession(s.db, session.id);
  }
  return { session, live: state === 'live' && session.stage === 'active' };
}

/**
 * After requireStaff: lets only the given roles through, else 403.
 * @example app.use('/export/*', requireRole('admin'))
 */
export function requireRole(...roles: StaffRole[]): MiddlewareHandler {
  return async (c, next) => {
    const staff = c.get('staff') as Context['var']['staff'] | undefined;
    if (!staff || !roles.includes(staff.role)) throw new HttpError(403, 'This role may not open this page.');
    return next();
  };
}

/**
 * The clinic private key for this request's session, decrypted with the secret that exists only
 * in the member's cookie. Use it for the request, never keep it. Throws HttpError(403) for
 * marketing, or when the session holds no key.
 * @example const privateKey = await getSessionPrivateKey(c); await openSealed(privateKey, sealed, aad);
 */
export async function getSessionPrivateKey(c: Context): Promise<Uint8Array> {
  const staff = c.get('staff') as Context['var']['staff'] | undefined;
  const secrets = c.get('staffSessionSecrets') as Context['var']['staffSessionSecrets'] | undefined;
  if (!staff || !secrets?.sealedKey || !holdsClinicKey(staff.role)) {
    throw new HttpError(403, 'This session does not hold the clinic key.');
  }
  try {
    return openSessionKey(tokenBytes(secrets.token), secrets.sessionId, secrets.sealedKey);
  } catch (error) {
    if (error instanceof UnwrapError) throw new HttpError(403, 'This session does not hold the clinic key.');
    throw error;
  }
}

/**
 * A 32-byte key for what a feature keeps in memory for this session (the inbox's search index),
 * derived from the secret that exists only in the member's cookie: between requests, the memory
 * holds only ciphertext no other session can open.
 * @example const key = sessionCacheKey(c, 'inbox search');
 */
export function sessionCacheKey(c: Context, purpose: string): Uint8Array {
  const secrets = c.get('staffSessionSecrets') as Context['var']['staffSessionSecrets'] | undefined;
  if (!secrets) throw new Error('requireStaff must run before sessionCacheKey');
  return new Uint8Array(
    hkdfSync(
      'sha256',
      tokenBytes(secrets.token),
      Buffer.from(secrets.sessionId, 'utf8'),
      `clinic-site session cache v1 ${purpose}`,
      32,
    ),
  );
}
