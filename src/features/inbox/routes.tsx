import { Hono } from 'hono';
import { requireRole, requireStaff } from '../auth/index.ts';
import { auditExportHandler, auditHandler } from './audit-route.tsx';
import { exportHandler } from './export-route.ts';
import type { InboxDeps } from './http.ts';
import { bulkHandler } from './bulk-route.ts';
import { listHandler, searchHandler } from './list-route.tsx';
import { assignHandler, contactHandler, noteHandler, statusHandler, viewHandler } from './request-routes.tsx';

export type { InboxDeps } from './http.ts';

/**
 * The staff inbox, mounted at '/staff/' behind csrfProtection (app.ts; with the trailing slash,
 * so that '/' here answers /staff/):
 * - GET /staff/ the list (views, filters, ?q= search), POST /staff/search the search form,
 *   POST /staff/bulk the bulk status and assignee change;
 * - GET /staff/requests/<id> one request, opened in the session (?print=1 its print view);
 *   POST …/contacts, …/status, …/assignee, …/notes work on it (admins and coordinators);
 * - POST /staff/export the CSV download, GET /staff/audit the audit trail (admins).
 * @example app.route('/staff/', inboxRoutes(deps));
 */
export function inboxRoutes(deps: InboxDeps): Hono {
  const app = new Hono();
  const staff = requireStaff(deps);
  const works = requireRole('admin', 'coordinator');
  const admin = requireRole('admin');

  app.get('/', staff, works, listHandler(deps));
  app.post('/search', staff, works, searchHandler(deps));
  app.post('/bulk', staff, works, bulkHandler(deps));
  app.get('/requests/:id', staff, works, viewHandler(deps));
  app.post('/requests/:id/status', staff, works, statusHandler(deps));
  app.post('/requests/:id/contacts', staff, works, contactHandler(deps));
  app.post('/requests/:id/assignee', staff, works, assignHandler(deps));
  app.post('/requests/:id/notes', staff, works, noteHandler(deps));
  app.post('/export', staff, admin, exportHandler(deps));
  app.get('/audit', staff, admin, auditHandler(deps));
  app.get('/audit/export', staff, admin, auditExportHandler(deps));
  return app;
}
