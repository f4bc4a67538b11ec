import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { HttpError } from '../../lib/http-error.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import {
  authSettings,
  getSessionPrivateKey,
  requireRole,
  requireStaff,
  staffFrame,
  type AuthDeps,
} from '../auth/index.ts';
import { StaffError, type Actor } from './errors.ts';
import { inviteLink } from './invite-token.ts';
import { createInvite, resetMember } from './invites.ts';
import { changeRole, clearSignInLock, disableMember, revokeInvite } from './members.ts';
import { ConfirmPage, IssuedPage } from './pages/issued-page.tsx';
import { StaffListPage, type InviteForm } from './pages/staff-list-page.tsx';
import * as q from './queries.ts';
import { postedText } from '../../lib/posted.ts';

const text = postedText;

const NOTICES: Record<string, string> = {
  'role-changed': 'The role is changed.',
  'invite-revoked': 'The invite link is withdrawn: it no longer works.',
};

/** The admin's staff page: list, invite, reset, disable (/staff/staff…). */
export function adminRoutes(deps: AuthDeps): Hono {
  const s = authSettings(deps);
  const app = new Hono();
  app.use('/staff', requireStaff(deps), requireRole('admin'));
  app.use('/staff/*', requireStaff(deps), requireRole('admin'));

  const frame = (c: Context) => staffFrame(c, s.site);
  const actor = (c: Context): Actor => ({
    staffId: c.get('staff').staffId,
    email: c.get('staff').email,
    address: s.clientAddress(c),
    via: 'web',
  });
  const listPage = async (c: Context, form: InviteForm, status: 200 | 422 = 200, notice?: string) => {
    const [members, invites] = [await q.listMembers(s.db), await q.listOpenInvites(s.db, s.now())];
    return sendStaffPage(
      c,
      <StaffListPage
        {...frame(c)}
        members={members}
        invites={invites}
        form={form}
        notice={notice}
        timeZone={s.site.clinic.timeZone}
      />,
      status,
    );
  };
  /** The member in the path; a disabled one only for a reset (which enables the account again). */
  const member = async (c: Context, action: 'disable' | 'reset') => {
    const id = z.uuid().safeParse(c.req.param('id'));
    const found = id.success ? await q.findMemberById(s.db, id.data) : null;
    if (!found || (found.disabledAt && action === 'disable')) throw new HttpError(404, 'No such member.');
    return found;
  };

  app.get('/staff', (c) => {
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return listPage(c, { email: '', role: '', errors: {} }, 200, notice);
  });

  app.post('/staff/invite', async (c) => {
    const body = await c.req.parseBody();
    const form: InviteForm = { email: text(body.email), role: text(body.role), errors: {} };
    try {
      const privateKey = await getSessionPrivateKey(c);
      const issued = await createInvite(s.db, { ...form, privateKey, actor: actor(c), now: s.now() });
      const link = inviteLink(s.siteUrl, issued.token);
      return sendStaffPage(c, <IssuedPage {...frame(c)} issued={issued} link={link} reset={false} />);
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      form.errors[error.problem === 'invalid-role' ? 'role' : 'email'] = error.message;
      return listPage(c, form, 422);
    }
  });

  for (const action of ['disable', 'reset'] as const) {
    app.get(`/staff/:id/${action}`, async (c) =>
      sendStaffPage(c, <ConfirmPage {...frame(c)} member={await member(c, action)} action={action} />),
    );
  }

  app.post('/staff/:id/disable', async (c) => {
    const target = await member(c, 'disable');
    try {
      await disableMember(s.db, { staffId: target.id, actor: actor(c), now: s.now() });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      return listPage(c, { email: '', role: '', errors: { email: error.message } }, 422);
    }
    return c.redirect('/staff/staff', 303);
  });

  app.post('/staff/:id/role', async (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) throw new HttpError(404, 'No such member.');
    const body = await c.req.parseBody();
    try {
      await changeRole(s.db, { staffId: id.data, role: text(body.role), actor: actor(c), now: s.now() });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      if (error.problem === 'unknown-member') throw new HttpError(404, 'No such member.');
      return listPage(c, { email: '', role: '', errors: {}, problem: error.message }, 422);
    }
    return c.redirect('/staff/staff?notice=role-changed', 303);
  });

  app.post('/staff/invites/:id/revoke', async (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    try {
      if (!id.success) throw new StaffError('invalid-invite', 'That invite link is no longer open.');
      await revokeInvite(s.db, { inviteId: id.data, actor: actor(c), now: s.now() });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      return listPage(c, { email: '', role: '', errors: {}, problem: error.message }, 422);
    }
    return c.redirect('/staff/staff?notice=invite-revoked', 303);
  });

  // After a stranger's guesses (or the member's own) have slowed sign-in down for this account.
  app.post('/staff/:id/clear-lock', async (c) => {
    const target = await member(c, 'disable');
    await clearSignInLock(s.db, { staffId: target.id, actor: actor(c), now: s.now() });
    const notice = `Sign-in lock cleared: ${target.email} can sign in again now, from any address.`;
    return listPage(c, { email: '', role: '', errors: {} }, 200, notice);
  });

  app.post('/staff/:id/reset', async (c) => {
    const target = await member(c, 'reset');
    if (target.id === c.get('staff').staffId)
      throw new HttpError(422, 'Change your own password on your account page.');
    const privateKey = await getSessionPrivateKey(c);
    const issued = await resetMember(s.db, { staffId: target.id, privateKey, actor: actor(c), now: s.now() });
    const link = inviteLink(s.siteUrl, issued.token);
    return sendStaffPage(c, <IssuedPage {...frame(c)} issued={issued} link={link} reset />);
  });

  return app;
}
