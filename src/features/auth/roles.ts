/**
 * Staff roles and what each may do, by least privilege (UMAMI src/permissions/*). Pure, so the
 * UI (which links it shows) and the server (what it allows) read the same rules.
 * - admin: staff accounts, settings, export, purge, audit, analytics, and the requests.
 * - coordinator: works the requests.
 * - marketing: analytics only; never holds the clinic key, never opens patient data.
 */
export const STAFF_ROLES = ['admin', 'coordinator', 'marketing'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether a role gets its own copy of the clinic private key (and so can open patient data). */
export function holdsClinicKey(role: StaffRole): boolean {
  return role === 'admin' || role === 'coordinator';
}

/** Open and work patient requests: the inbox. */
export const canReadRequests = (role: StaffRole): boolean => holdsClinicKey(role);
/** Export requests as CSV. */
export const canExport = (role: StaffRole): boolean => role === 'admin';
/** See the private analytics. */
export const canViewAnalytics = (role: StaffRole): boolean => role === 'admin' || role === 'marketing';
/** Invite, disable and reset staff accounts. */
export const canManageStaff = (role: StaffRole): boolean => role === 'admin';
/** Read the audit trail. */
export const canViewAudit = (role: StaffRole): boolean => role === 'admin';

/** How a role is named to people. */
export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  marketing: 'Marketing',
};
