import { Hono } from 'hono';
import type { AuthDeps } from '../auth/index.ts';
import { accountRoutes } from './account-routes.tsx';
import { adminRoutes } from './admin-routes.tsx';
import { inviteRoutes } from './invite-routes.tsx';

/**
 * Staff accounts on the web: the admin's staff page, the invite link's page and each member's
 * account page. Mounted at /staff behind csrfProtection.
 * @example app.route('/staff', staffRoutes(deps));
 */
export function staffRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  app.route('/', adminRoutes(deps));
  app.route('/', inviteRoutes(deps));
  app.route('/', accountRoutes(deps));
  return app;
}
