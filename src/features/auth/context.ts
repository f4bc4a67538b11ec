import type { Context } from 'hono';
import type { StaffRole } from './roles.ts';
import type { Site } from '../../ui/site.ts';
import { writeCookieToken, type CookieConfig } from './cookie.ts';
import { csrfFor, newToken } from './session-token.ts';

/** The signed-in member, as c.get('staff') gives it behind requireStaff. */
export type StaffSession = { sessionId: string; staffId: string; email: string; role: StaffRole };

/** This request's session secrets (auth internal): never logged, never rendered. */
export type SessionSecrets = { sessionId: string; token: string; sealedKey: Uint8Array | null };

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in member; set by requireStaff. */
    staff: StaffSession;
    /** Set by requireStaff, read by getSessionPrivateKey. */
    staffSessionSecrets: SessionSecrets;
    /** The staff cookie's settings and the browser's token; set by csrfProtection on /staff/*. */
    staffCookie: { config: CookieConfig; token: string | null };
  }
}

function cookieState(c: Context) {
  const state = c.get('staffCookie');
  if (!state) throw new Error('csrfProtection(deps) must run before staff pages (app.use("/staff/*", …))');
  return state;
}

/**
 * The browser's token; a page shown to a browser without one (sign-in, invite) issues it here,
 * so the form it renders carries a CSRF token bound to this browser.
 */
export function browserToken(c: Context): string {
  const state = cookieState(c);
  if (state.token) return state.token;
  const token = newToken();
  replaceBrowserToken(c, token);
  return token;
}

/** Gives the browser a new token (sign-in, sign-out); later csrfToken(c) calls use it. */
export function replaceBrowserToken(c: Context, token: string): void {
  const state = cookieState(c);
  writeCookieToken(c, state.config, token);
  c.set('staffCookie', { ...state, token });
}

/**
 * The value for the hidden `csrf` field of a staff form (see CsrfField in src/ui/staff-layout.tsx).
 * @example <CsrfField value={csrfToken(c)} />
 */
export function csrfToken(c: Context): string {
  return csrfFor(browserToken(c));
}

/** What a staff page's frame (StaffLayout) needs: the site, the signed-in member, the sign-out form's CSRF token. */
export type StaffFrame = { site: Site; staff: StaffSession; csrf: string };

/** The frame of a page behind requireStaff. */
export function staffFrame(c: Context, site: Site): StaffFrame {
  return { site, staff: c.get('staff'), csrf: csrfToken(c) };
}
