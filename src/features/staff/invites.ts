import type { Database, RawSql } from '../../db/client.ts';
import { holdsClinicKey, isStaffRole, type StaffRole } from '../auth/index.ts';
import { clearAccountLock, deleteSessionsOf } from '../auth/index.ts';
import { deleteMemberWraps, insertInviteWrap, parseStaffEmail } from '../keys/index.ts';
import { auditStaffChange } from './audit-change.ts';
import { StaffError, type Actor } from './errors.ts';
import { hashInviteToken, inviteExpiry, newInviteToken } from './invite-token.ts';
import * as q from './queries.ts';

/** What to hand the member: the one-time token (for the link) and when it stops working. */
export type IssuedInvite = { token: string; email: string; role: StaffRole; expiresAt: Date };

/**
 * A password hash no password matches (argon2 refuses to parse it): a member being reset cannot
 * sign in with their old password while their new link is open.
 */
export const LOCKED_PASSWORD_HASH = '!reset';

const keyNeeded = () =>
  new StaffError(
    'key-needed',
    'This role opens patient data: unlock the clinic key (an admin) to give it a copy.',
  );

/**
 * Invites a new member by e-mail and role. For admin and coordinator, `privateKey` (from an
 * admin's unlocked session, or unlocked at the command line) is wrapped under a key derived
 * from the invite token; marketing gets no copy. Replaces an earlier open invite to the address.
 * @example const { token } = await createInvite(db, { email, role: 'coordinator', privateKey, actor, now });
 */
export async function createInvite(
  db: Database,
  input: { email: string; role: string; privateKey: Uint8Array | null; actor: Actor; now: Date },
): Promise<IssuedInvite> {
  const email = parseStaffEmail(input.email);
  if (!email) throw new StaffError('invalid-email', 'Enter an e-mail address, like coordinator@example.com.');
  if (!isStaffRole(input.role))
    throw new StaffError('invalid-role', 'Choose a role: admin, coordinator or marketing.');
  const role = input.role;
  if (holdsClinicKey(role) && !input.privateKey) throw keyNeeded();
  const existing = await q.findMemberByEmail(db, email);
  if (existing?.disabledAt)
    throw new StaffError(
      'disabled-member',
      `${email} belongs to a disabled account: reset it to enable it again with a new link.`,
    );
  if (existing) throw new StaffError('already-member', `${email} already has an account; reset it instead.`);
  const { privateKey, actor, now } = input;
  return issue(db, { email, role, staffId: null, privateKey, actor, now }, 'staff.invited');
}

/**
 * For a member who lost their password or authenticator: ends their sessions, deletes their
 * copy of the key, recovery codes and password, and issues a new invite-style link to set them
 * up again (same role, same account). A disabled member is enabled again the same way (someone
 * who returns, or was disabled by mistake): their account keeps its history in the audit trail.
 */
export async function resetMember(
  db: Database,
  input: { staffId: string; privateKey: Uint8Array | null; actor: Actor; now: Date },
): Promise<IssuedInvite> {
  const member = await q.findMemberById(db, input.staffId);
  if (!member) throw new StaffError('unknown-member', 'There is no such member.');
  if (holdsClinicKey(member.role) && !input.privateKey) throw keyNeeded();
  const { privateKey, actor, now } = input;
  const target = { email: member.email, role: member.role, staffId: member.id, privateKey, actor, now };
  return issue(db, target, member.disabledAt ? 'staff.enabled' : 'staff.reset', async (sql) => {
    if (member.disabledAt) await q.markEnabled(sql, member.id);
    await q.setPasswordHash(sql, member.id, LOCKED_PASSWORD_HASH);
    await deleteMemberWraps(sql, member.id);
    await deleteSessionsOf(sql, member.id);
    await q.replaceRecoveryCodes(sql, member.id, []);
    // A reset gives the member a fresh start: a lock from someone's guesses does not outlive it.
    await clearAccountLock(sql, member.email, now);
  });
}

async function issue(
  db: Database,
  input: {
    email: string;
    role: StaffRole;
    staffId: string | null;
    privateKey: Uint8Array | null;
    actor: Actor;
    now: Date;
  },
  action: 'staff.invited' | 'staff.reset' | 'staff.enabled',
  before?: (sql: RawSql) => Promise<void>,
): Promise<IssuedInvite> {
  const { email, role, staffId, actor, now } = input;
  const token = newInviteToken();
  const expiresAt = inviteExpiry(now);
  await db.rawTransaction(async (sql) => {
    await before?.(sql);
    const inviteId = await q.insertInvite(sql, {
      email,
      role,
      staffId,
      tokenHash: hashInviteToken(token),
      createdBy: actor.staffId,
      createdAt: now,
      expiresAt,
    });
    if (holdsClinicKey(role) && input.privateKey)
      await insertInviteWrap(sql, inviteId, token, input.privateKey);
    await auditStaffChange(
      sql,
      actor,
      { action, target: staffId ? `staff:${staffId}` : `invite:${inviteId}`, details: { email, role } },
      now,
    );
  });
  return { token, email, role, expiresAt };
}
