import type { Database } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import {
  checkTotpCode,
  hashPassword,
  hashRecoveryCode,
  newPasswordProblem,
  newRecoveryCodes,
  inviteTotpSecret,
  openInviteWrap,
  preparePasswordWrap,
  replacePasswordWrap,
  sealTotpSecret,
} from '../keys/index.ts';
import { StaffError } from './errors.ts';
import { hashInviteToken, isInviteToken } from './invite-token.ts';
import * as q from './queries.ts';

/** The open invite a link's token belongs to, with its TOTP secret (derived from the token), or null. */
export async function findInvite(
  db: Database,
  token: unknown,
  now: Date,
): Promise<(q.Invite & { totpSecret: string }) | null> {
  if (!isInviteToken(token)) return null;
  const invite = await q.findInviteByToken(db, hashInviteToken(token), now);
  return invite ? { ...invite, totpSecret: inviteTotpSecret(token) } : null;
}

export type AcceptFields = { password: string; confirm: string; code: string };
export type AcceptErrors = Partial<Record<keyof AcceptFields, string>>;
export type Accepted = { staffId: string; email: string; recoveryCodes: string[] };

const invalidInvite = () =>
  new StaffError(
    'invalid-invite',
    'This link is not valid: it was used, replaced by a newer one, or it expired.',
  );

/**
 * Accepts an invite: checks the new password (length, common-password list) and a code from
 * the authenticator app enrolled with the invite's QR code, then creates the account (or, for a
 * reset, replaces the member's password and authenticator), rewraps the invite's copy of the
 * clinic key under the new password, makes ten recovery codes and deletes the invite. The link
 * works once, even if posted twice at the same moment. Field errors come back for the form;
 * StaffError when the link itself is no good.
 */
export async function acceptInvite(
  db: Database,
  input: AcceptFields & { token: string; now: Date; address: string | null },
): Promise<{ ok: false; errors: AcceptErrors } | ({ ok: true } & Accepted)> {
  const { token, now } = input;
  const invite = await findInvite(db, token, now);
  if (!invite) throw invalidInvite();
  const errors: AcceptErrors = {};
  const weak = newPasswordProblem(input.password);
  if (weak) errors.password = weak;
  else if (input.confirm !== input.password) errors.confirm = 'Type the same password again; the two differ.';
  const totp = await checkTotpCode(invite.totpSecret, input.code, now, null);
  if (!totp.ok)
    errors.code = 'Enter the 6-digit code your authenticator app shows now, after adding the account.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // The slow parts (argon2id three times) run before the transaction so it stays short.
  const passwordHash = await hashPassword(input.password);
  const totpSeal = await sealTotpSecret(invite.totpSecret, input.password);
  const privateKey = await openInviteWrap(db, invite.id, token);
  const material = privateKey ? await preparePasswordWrap(privateKey, input.password) : null;
  const recoveryCodes = newRecoveryCodes();
  const credentials = {
    passwordHash,
    totp: totpSeal,
    totpLastStep: totp.ok ? totp.timeStep : 0,
  };

  const staffId = await db.rawTransaction(async (sql) => {
    if (!(await q.lockInvite(sql, invite.id))) throw invalidInvite();
    const id =
      invite.staffId ??
      (await q.insertMember(sql, { email: invite.email, role: invite.role, now, ...credentials }));
    if (invite.staffId && !(await q.updateCredentials(sql, id, credentials))) throw invalidInvite();
    if (material) await replacePasswordWrap(sql, id, material);
    await q.replaceRecoveryCodes(
      sql,
      id,
      recoveryCodes.map((code) => hashRecoveryCode(code) as Uint8Array),
    );
    await q.deleteInvite(sql, invite.id);
    await appendAudit(
      sql,
      {
        actorId: id,
        actorEmail: invite.email,
        action: 'staff.enrolled',
        target: `staff:${id}`,
        address: input.address,
        details: { role: invite.role, reset: invite.staffId !== null },
      },
      now,
    );
    return id;
  });
  return { ok: true, staffId, email: invite.email, recoveryCodes };
}
