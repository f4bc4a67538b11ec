/**
 * Staff sign-in, sessions, CSRF and roles. Other features import from here only.
 *
 * Guarding a staff route:
 * @example
 * app.use('/staff/*', csrfProtection(deps)); // once, in app.ts
 * inbox.get('/requests/:id', requireStaff(deps), requireRole('admin', 'coordinator'), async (c) => {
 *   const privateKey = await getSessionPrivateKey(c); // 403 for marketing
 *   return c.html(<StaffLayout site={site} staff={c.get('staff')} csrf={csrfToken(c)} title="Request">…</StaffLayout>);
 * });
 */
export {
  STAFF_ROLES,
  isStaffRole,
  holdsClinicKey,
  canReadRequests,
  canExport,
  canViewAnalytics,
  canManageStaff,
  canViewAudit,
  ROLE_LABELS,
  type StaffRole,
} from './roles.ts';
export { csrfToken, staffFrame, type StaffFrame, type StaffSession } from './context.ts';
export { csrfProtection } from './csrf.tsx';
export { requireStaff, requireRole, getSessionPrivateKey, sessionCacheKey } from './require-staff.ts';
export { authRoutes } from './routes.tsx';
export { staffDatabaseUnavailable, staffHttpError } from './staff-error.tsx';
export { cleanUpAuth } from './cleanup.ts';
export { deleteSessionsOf, onSessionsEnded } from './session-queries.ts';
export { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.ts';
export { authSettings, clientAddressOf, type AuthDeps, type AuthSettings } from './deps.ts';
export type { ThrottlePolicy } from './throttle.ts';
export { clearAccountLock } from './throttle-queries.ts';
