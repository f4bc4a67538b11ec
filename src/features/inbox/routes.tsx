import { Hono } from 'hono';
import { requireRole, requireStaff } from '../auth/index.ts';
import { auditExportHandler, auditHandler } from './audit-route.tsx';
import { exportHandler } from './export-route.ts';
import type { InboxDeps } from './http.ts';
import { listHandler } from './list-route.tsx';
import { callHandler, noteHandler, statusHandler, viewHandler } from './request-routes.tsx';

export type { InboxDeps } from './http.ts';

/**
 * The staff inbox, mounted at '/staff/' behind csrfProtection (app.ts; with the trailing slash,
 * so that '/' here answers /staff/):
 * - GET /staff/ the list; GET /staff/requests/<id> one request, opened in the session;
 *   POST …/status, …/calls, …/notes work on it (admins and coordinators);
 * - POST /staff/export the CSV download, GET /staff/audit the audit trail (admins).
 * @example app.route('/staff/', inboxRoutes(deps));
 */
export function inboxRoutes(deps: InboxDeps): Hono {
  const app = new Hono();
  const staff = requireStaff(deps);
  const works = requireRole('admin', 'coordinator');
  const admin = requireRole('admin');

  app.get('/', staff, works, listHandler(deps));
  app.get('/requests/:id', staff, works, viewHandler(deps));
  app.post('/requests/:id/status', staff, works, statusHandler(deps));
  app.post('/requests/:id/calls', staff, works, callHandler(deps));
  app.post('/requests/:id/notes', staff, works, noteHandler(deps));
  app.post('/export', staff, admin, exportHandler(deps));
  app.get('/audit', staff, admin, auditHandler(deps));
  app.get('/audit/export', staff, admin, auditExportHandler(deps));
  return app;
}
