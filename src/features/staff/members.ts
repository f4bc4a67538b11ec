import type { Database } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import {
  clearAccountLock,
  deleteSessionsOf,
  holdsClinicKey,
  isStaffRole,
  ROLE_LABELS,
} from '../auth/index.ts';
import {
  deleteMemberWraps,
  hashPassword,
  KeyUnlockError,
  newPasswordProblem,
  openMemberTotp,
  openPasswordWrap,
  preparePasswordWrap,
  replacePasswordWrap,
  sealTotpSecret,
  storeTotpSeal,
  verifyPassword,
  type StoredTotp,
} from '../keys/index.ts';
import { auditStaffChange } from './audit-change.ts';
import { StaffError, type Actor } from './errors.ts';
import * as q from './queries.ts';
import type { Member } from './queries.ts';

/**
 * Disables a member: they can no longer sign in, their sessions end now, and their copy of the
 * clinic key and any open invite link are deleted. The account row stays, so the audit trail
 * and the requests they worked still name them. Refuses to disable oneself or the last admin.
 */
export async function disableMember(db: Database, input: { staffId: string; actor: Actor; now: Date }) {
  const { actor, now } = input;
  const member = await q.findMemberById(db, input.staffId);
  if (!member) throw new StaffError('unknown-member', 'There is no such member.');
  if (member.disabledAt) return member;
  if (actor.staffId === member.id) throw new StaffError('self', 'You cannot disable your own account.');
  if (member.role === 'admin' && (await q.countActiveAdmins(db)) <= 1) {
    throw new StaffError(
      'last-admin',
      'This is the last administrator: invite another before disabling this one.',
    );
  }
  await db.rawTransaction(async (sql) => {
    await q.markDisabled(sql, member.id, now);
    const wraps = await deleteMemberWraps(sql, member.id);
    const sessions = await deleteSessionsOf(sql, member.id);
    await q.deleteInvitesOf(sql, member.email);
    await auditStaffChange(
      sql,
      actor,
      {
        action: 'staff.disabled',
        target: `staff:${member.id}`,
        details: { email: member.email, role: member.role, keyCopies: wraps, sessions },
      },
      now,
    );
  });
  return { ...member, disabledAt: now };
}

/**
 * An admin's "clear the sign-in lock": the member may try again at once from any address (a
 * stranger's address stays slowed down by its own counter). Audited, with how many counters held
 * a lock or failures.
 */
export async function clearSignInLock(db: Database, input: { staffId: string; actor: Actor; now: Date }) {
  const { actor, now } = input;
  const member = await q.findMemberById(db, input.staffId);
  if (!member) throw new StaffError('unknown-member', 'There is no such member.');
  return db.rawTransaction(async (sql) => {
    const counters = await clearAccountLock(sql, member.email, now);
    await auditStaffChange(
      sql,
      actor,
      {
        action: 'staff.signin-lock-cleared',
        target: `staff:${member.id}`,
        details: { email: member.email, counters },
      },
      now,
    );
    return counters;
  });
}

/**
 * Changes a member's role, audited. Refuses one's own role (another admin does it) and the last
 * admin's. Moving to marketing takes away their copy of the clinic key and ends their sessions
 * (which hold it); moving from marketing to a role that reads requests needs a copy of the key
 * only their next sign-up can make, so that is refused with what to do instead.
 */
export async function changeRole(
  db: Database,
  input: { staffId: string; role: string; actor: Actor; now: Date },
): Promise<Member> {
  const { actor, now } = input;
  const member = await q.findMemberById(db, input.staffId);
  if (!member || member.disabledAt) throw new StaffError('unknown-member', 'There is no such member.');
  if (!isStaffRole(input.role)) throw new StaffError('invalid-role', 'Choose a role from the list.');
  const role = input.role;
  if (role === member.role) return member;
  if (actor.staffId === member.id)
    throw new StaffError('self', 'You cannot change your own role: ask another administrator.');
  if (member.role === 'admin' && (await q.countActiveAdmins(db)) <= 1)
    throw new StaffError(
      'last-admin',
      'This is the last administrator: make another member an administrator first.',
    );
  if (!holdsClinicKey(member.role) && holdsClinicKey(role))
    throw new StaffError(
      'key-needed',
      `${ROLE_LABELS[role]} members read patient requests, which needs a copy of the clinic key that only a new sign-up makes: disable this account and invite them again as ${ROLE_LABELS[role]}.`,
    );
  await db.rawTransaction(async (sql) => {
    await q.setRole(sql, member.id, role);
    const dropKey = holdsClinicKey(member.role) && !holdsClinicKey(role);
    const wraps = dropKey ? await deleteMemberWraps(sql, member.id) : 0;
    const sessions = dropKey ? await deleteSessionsOf(sql, member.id) : 0;
    await auditStaffChange(
      sql,
      actor,
      {
        action: 'staff.role_changed',
        target: `staff:${member.id}`,
        details: { email: member.email, from: member.role, to: role, keyCopies: wraps, sessions },
      },
      now,
    );
  });
  return { ...member, role };
}

/** Withdraws an open invite (or reset) link before it is used: the link and its key copy are deleted. */
export async function revokeInvite(db: Database, input: { inviteId: string; actor: Actor; now: Date }) {
  const { actor, now } = input;
  const invite = await q.findInviteById(db, input.inviteId);
  if (!invite || invite.expiresAt <= now)
    throw new StaffError('invalid-invite', 'That invite link is no longer open.');
  await db.rawTransaction(async (sql) => {
    await q.deleteInvite(sql, invite.id);
    await auditStaffChange(
      sql,
      actor,
      {
        action: 'staff.invite_revoked',
        target: invite.staffId ? `staff:${invite.staffId}` : null,
        details: { email: invite.email, role: invite.role },
      },
      now,
    );
  });
  return invite;
}

/**
 * Changes a signed-in member's password: checks the current one, refuses a weak new one, and
 * rewraps their copy of the clinic key under the new password. Their other sessions end.
 */
export async function changePassword(
  db: Database,
  input: {
    staffId: string;
    current: string;
    next: string;
    confirm: string;
    keepSessionId: string;
    address: string | null;
    now: Date;
  },
): Promise<void> {
  const [member] = await db.query<StoredTotp & { email: string; password_hash: string }>(
    `SELECT id, email, password_hash, totp_sealed, totp_salt, totp_kdf, totp_clinic_sealed
     FROM staff WHERE id = $1 AND disabled_at IS NULL`,
    [input.staffId],
  );
  if (!member || !(await verifyPassword(member.password_hash, input.current))) {
    throw new StaffError('wrong-password', 'Your current password is not right.');
  }
  const weak = newPasswordProblem(input.next);
  if (weak) throw new StaffError('weak-password', weak);
  if (input.confirm !== input.next)
    throw new StaffError('password-mismatch', 'Type the same new password again; the two differ.');
  let privateKey: Uint8Array | null;
  try {
    privateKey = await openPasswordWrap(db, input.staffId, input.current);
  } catch (error) {
    if (error instanceof KeyUnlockError)
      throw new StaffError('wrong-password', 'Your current password is not right.');
    throw error;
  }
  const passwordHash = await hashPassword(input.next);
  const material = privateKey ? await preparePasswordWrap(privateKey, input.next) : null;
  // The authenticator's secret is re-sealed under the new password (the old seal opens no more).
  const totpSecret = await openMemberTotp(db, member, input.current, privateKey);
  const totpSeal = totpSecret ? await sealTotpSecret(totpSecret, input.next) : null;
  await db.rawTransaction(async (sql) => {
    await q.setPasswordHash(sql, input.staffId, passwordHash);
    if (totpSeal) await storeTotpSeal(sql, input.staffId, totpSeal);
    if (material) await replacePasswordWrap(sql, input.staffId, material);
    const sessions = await deleteSessionsOf(sql, input.staffId, input.keepSessionId);
    await appendAudit(
      sql,
      {
        actorId: input.staffId,
        actorEmail: member.email,
        action: 'staff.password_changed',
        target: `staff:${input.staffId}`,
        address: input.address,
        details: { otherSessionsEnded: sessions },
      },
      input.now,
    );
  });
}

/** Ends every session of a member, this one included ("sign out everywhere"). */
export async function signOutEverywhere(
  db: Database,
  input: { staffId: string; email: string; address: string | null; now: Date },
): Promise<number> {
  return db.rawTransaction(async (sql) => {
    const sessions = await deleteSessionsOf(sql, input.staffId);
    await appendAudit(
      sql,
      {
        actorId: input.staffId,
        actorEmail: input.email,
        action: 'signout.everywhere',
        target: `staff:${input.staffId}`,
        address: input.address,
        details: { sessions },
      },
      input.now,
    );
    return sessions;
  });
}
