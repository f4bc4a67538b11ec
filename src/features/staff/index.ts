/**
 * Staff accounts: invites by one-time link, enrolment, disable, reset, password
 * change; the web pages and the `clinic staff` command use the same functions.
 */
export { staffRoutes } from './routes.ts';
export { createInvite, resetMember, LOCKED_PASSWORD_HASH, type IssuedInvite } from './invites.ts';
export { acceptInvite, findInvite, type Accepted, type AcceptErrors } from './accept-invite.ts';
export {
  disableMember,
  changePassword,
  signOutEverywhere,
  clearSignInLock,
  revokeInvite,
} from './members.ts';
export {
  listMembers,
  listOpenInvites,
  getPreferences,
  setPreferences,
  DEFAULT_PREFERENCES,
  type Preferences,
  findMemberByEmail,
  deleteExpiredInvites,
  type Member,
  type Invite,
} from './queries.ts';
export { inviteLink, INVITE_LIFETIME_MS } from './invite-token.ts';
export { StaffError, type StaffProblem, type Actor } from './errors.ts';
export { createStaffCleanupJob, type CleanupJob } from './cleanup-job.ts';
