import { Hono, type Context } from 'hono';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { authSettings, csrfToken, type AuthDeps } from '../auth/index.ts';
import { totpQrSvg, totpUri } from '../keys/index.ts';
import { acceptInvite, findInvite, type AcceptErrors } from './accept-invite.ts';
import { StaffError } from './errors.ts';
import { EnrolledPage, InvitePage } from './pages/invite-page.tsx';
import { InviteInvalidPage } from './pages/invite-invalid-page.tsx';
import type { Invite } from './queries.ts';
import { postedText } from '../../lib/posted.ts';

const text = postedText;

/**
 * The page behind an invite or reset link (/staff/invite?token=…): set a password, enrol TOTP,
 * then see the recovery codes once. The token travels in a hidden field on the post.
 */
export function inviteRoutes(deps: AuthDeps): Hono {
  const s = authSettings(deps);
  const app = new Hono();
  const invalid = (c: Context) =>
    sendStaffPage(c, <InviteInvalidPage site={s.site} csrf={csrfToken(c)} />, 404);
  const form = async (
    c: Context,
    token: string,
    invite: Invite & { totpSecret: string },
    errors: AcceptErrors,
    status: 200 | 422,
  ) => {
    const uri = totpUri(invite.email, invite.totpSecret, s.site.clinic.name);
    const page = { site: s.site, token, invite, totpUri: uri, qrSvg: await totpQrSvg(uri), errors };
    return sendStaffPage(c, <InvitePage {...page} csrf={csrfToken(c)} />, status);
  };

  app.get('/invite', async (c) => {
    const token = c.req.query('token') ?? '';
    const invite = await findInvite(s.db, token, s.now());
    return invite ? form(c, token, invite, {}, 200) : invalid(c);
  });

  app.post('/invite', async (c) => {
    const body = await c.req.parseBody();
    const token = text(body.token);
    const now = s.now();
    const invite = await findInvite(s.db, token, now);
    if (!invite) return invalid(c);
    try {
      const fields = { password: text(body.password), confirm: text(body.confirm), code: text(body.code) };
      const result = await acceptInvite(s.db, { ...fields, token, now, address: s.clientAddress(c) });
      if (!result.ok) return form(c, token, invite, result.errors, 422);
      const page = { site: s.site, email: result.email, recoveryCodes: result.recoveryCodes };
      return sendStaffPage(c, <EnrolledPage {...page} csrf={csrfToken(c)} />);
    } catch (error) {
      if (error instanceof StaffError && error.problem === 'invalid-invite') return invalid(c);
      throw error;
    }
  });

  return app;
}
