import { Hono, type Context } from 'hono';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { authSettings, csrfToken, requireStaff, type AuthDeps } from '../auth/index.ts';
import { StaffError } from './errors.ts';
import { changePassword, signOutEverywhere } from './members.ts';
import { getPreferences } from './member-queries.ts';
import { AccountPage, type PasswordErrors, type SettingsForm } from './pages/account-page.tsx';
import { readPreferences, savePreferences } from './preferences.ts';
import { postedText } from '../../lib/posted.ts';

const text = postedText;

const NOTICES: Record<string, string> = {
  password: 'Your password is changed.',
  settings: 'Your settings are saved.',
};

/** The member's own account page (/staff/account): settings, change password, sign out everywhere. */
export function accountRoutes(deps: AuthDeps): Hono {
  const s = authSettings(deps);
  const app = new Hono();
  app.use('/account', requireStaff(deps));
  app.use('/account/*', requireStaff(deps));

  const saved = async (c: Context): Promise<SettingsForm> => {
    const values = await getPreferences(s.db, c.get('staff').staffId);
    return { values, typedName: values.displayName ?? '', errors: {} };
  };
  const page = (
    c: Context,
    forms: { errors?: PasswordErrors; settings: SettingsForm },
    notice: string | null,
    status: 200 | 422 = 200,
  ) =>
    sendStaffPage(
      c,
      <AccountPage
        site={s.site}
        staff={c.get('staff')}
        csrf={csrfToken(c)}
        errors={forms.errors ?? {}}
        settings={forms.settings}
        notice={notice}
      />,
      status,
    );

  app.get('/account', async (c) =>
    page(c, { settings: await saved(c) }, NOTICES[c.req.query('changed') ?? ''] ?? null),
  );

  app.post('/account/settings', async (c) => {
    const body = await c.req.parseBody();
    const staff = c.get('staff');
    const { values, typed, errors } = readPreferences(body, staff.role);
    if (Object.keys(errors).length > 0) {
      return page(c, { settings: { values, typedName: typed, errors } }, null, 422);
    }
    await savePreferences(s.db, {
      staffId: staff.staffId,
      email: staff.email,
      address: s.clientAddress(c),
      now: s.now(),
      values,
    });
    return c.redirect('/staff/account?changed=settings', 303);
  });

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
      return page(c, { errors: { [field]: error.message }, settings: await saved(c) }, null, 422);
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
