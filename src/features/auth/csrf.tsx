import type { Context, MiddlewareHandler } from 'hono';
import { authSettings, type AuthDeps } from './deps.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { FormRejectedPage } from './pages/message-page.tsx';
import { readCookieToken } from './cookie.ts';
import { csrfToken } from './context.ts';
import { isCsrfValid } from './session-token.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The first-admin set-up form predates sessions: its one-time token and Origin check guard it. */
const EXEMPT_PATHS = new Set(['/staff/setup']);

/**
 * CSRF protection for every state-changing request under /staff/ (mount it on "/staff/*"
 * before any staff route). Two checks, both required, else 403 and nothing runs:
 * - Origin must be the site's own (SITE_URL);
 * - the form's `csrf` field must match the browser's cookie token (csrfToken(c) renders it).
 * It also makes the staff cookie readable to the rest of the request, and keeps every staff
 * answer out of caches.
 * @example app.use('/staff/*', csrfProtection(deps));
 */
export function csrfProtection(deps: AuthDeps): MiddlewareHandler {
  const settings = authSettings(deps);
  return async (c, next) => {
    const token = readCookieToken(c, settings.cookie);
    c.set('staffCookie', { config: settings.cookie, token });
    if (!SAFE_METHODS.has(c.req.method) && !EXEMPT_PATHS.has(c.req.path)) {
      const posted = await postedCsrf(c);
      const sameOrigin = c.req.header('origin') === settings.origin;
      if (!sameOrigin || !token || !posted || !isCsrfValid(token, posted)) {
        const staff = null;
        return sendStaffPage(
          c,
          <FormRejectedPage site={settings.site} staff={staff} csrf={csrfToken(c)} />,
          403,
        );
      }
    }
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

/** The posted `csrf` field of a form body (read once; Hono keeps the parsed body for the route). */
async function postedCsrf(c: Context): Promise<string | null> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  const body = await c.req.parseBody().catch(() => null);
  const value = body?.csrf;
  return typeof value === 'string' ? value : null;
}
