import { ROLE_LABELS } from '../../auth/index.ts';
import { ErrorSummary, Notice, StaffField } from '../../../ui/staff-form.tsx';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import { NEW_PASSWORD_LABELS, NewPasswordFields } from '../../../ui/new-password-fields.tsx';
import type { Site } from '../../../ui/site.ts';
import type { StaffSession } from '../../auth/index.ts';

export type PasswordErrors = Partial<Record<'current' | 'password' | 'confirm', string>>;

type Props = { site: Site; staff: StaffSession; csrf: string; errors: PasswordErrors; notice: string | null };

const LABELS = { current: 'Current password', ...NEW_PASSWORD_LABELS } as const;

/** The member's own account: change password, sign out everywhere. */
export function AccountPage({ site, staff, csrf, errors, notice }: Props) {
  const summary = (Object.keys(LABELS) as (keyof typeof LABELS)[]).flatMap((f) =>
    errors[f] ? [[f, errors[f]] as [string, string]] : [],
  );
  return (
    <StaffLayout
      site={site}
      staff={staff}
      csrf={csrf}
      title={summary.length ? 'Error: Your account' : 'Your account'}
      current="account"
    >
      <h1>Your account</h1>
      <ErrorSummary errors={summary} />
      {notice ? <Notice>{notice}</Notice> : null}
      <p>{`${staff.email}, ${ROLE_LABELS[staff.role]}.`}</p>
      <h2>Change your password</h2>
      <p>Your other sessions end when you change it.</p>
      <form method="post" action="/staff/account/password">
        <CsrfField value={csrf} />
        <StaffField
          name="username"
          label="E-mail address (your username)"
          type="email"
          autocomplete="username"
          value={staff.email}
          readonly
        />
        <StaffField
          name="current"
          label={LABELS.current}
          type="password"
          autocomplete="current-password"
          error={errors.current}
          required
        />
        <NewPasswordFields errors={errors} />
        <p>
          <button class="button" type="submit">
            Change password
          </button>
        </p>
      </form>
      <h2>Sign out everywhere</h2>
      <p>Ends every session of your account, on this device and any other.</p>
      <form method="post" action="/staff/account/sign-out-everywhere">
        <CsrfField value={csrf} />
        <button class="button secondary" type="submit">
          Sign out everywhere
        </button>
      </form>
    </StaffLayout>
  );
}
