import { Hono, type Context } from 'hono';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { authSettings, csrfToken, requireStaff, type AuthDeps } from '../auth/index.ts';
import { StaffError } from './errors.ts';
import { changePassword, signOutEverywhere } from './members.ts';
import { AccountPage, type PasswordErrors } from './pages/account-page.tsx';
import { postedText } from '../../lib/posted.ts';

const text = postedText;

/** The member's own account page (/staff/account): change password, sign out everywhere. */
export function accountRoutes(deps: AuthDeps): Hono {
  const s = authSettings(deps);
  const app = new Hono();
  app.use('/account', requireStaff(deps));
  app.use('/account/*', requireStaff(deps));

  const page = (c: Context, errors: PasswordErrors, notice: string | null, status: 200 | 422 = 200) =>
    sendStaffPage(
      c,
      <AccountPage
        site={s.site}
        staff={c.get('staff')}
        csrf={csrfToken(c)}
        errors={errors}
        notice={notice}
      />,
      status,
    );

  app.get('/account', (c) =>
    page(c, {}, c.req.query('changed') === 'password' ? 'Your password is changed.' : null),
  );

  app.post('/account/password', async (c) => {
    const body = await c.req.parseBody();
    const staff = c.get('staff');
    try {
      await changePassword(s.db, {
        staffId: staff.staffId,
        current: text(body.current),
        next: text(body.password),
        confirm: text(body.confirm),
        keepSessionId: staff.sessionId,
        address: s.clientAddress(c),
        now: s.now(),
      });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      const field =
        { 'wrong-password': 'current', 'password-mismatch': 'confirm' }[error.problem as string] ??
        'password';
      return page(c, { [field]: error.message }, null, 422);
    }
    return c.redirect('/staff/account?changed=password', 303);
  });

  app.post('/account/sign-out-everywhere', async (c) => {
    const staff = c.get('staff');
    await signOutEverywhere(s.db, { ...staff, address: s.clientAddress(c), now: s.now() });
    return c.redirect('/staff/sign-in?notice=everywhere', 303);
  });

  return app;
}
