import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../auth/index.ts';
import { ErrorSummary, StaffField } from '../../../ui/staff-form.tsx';
import { dateTimeFormat } from '../../../lib/date-format.ts';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { Site } from '../../../ui/site.ts';
import type { StaffSession } from '../../auth/index.ts';
import type { Invite, Member } from '../queries.ts';

export type InviteForm = {
  email: string;
  role: string;
  errors: Partial<Record<'email' | 'role', string>>;
  /** A refused role change or revoke, shown at the top. */
  problem?: string;
};

type Props = {
  site: Site;
  staff: StaffSession;
  csrf: string;
  members: Member[];
  invites: Invite[];
  form: InviteForm;
  /** The clinic's time zone: sign-ins and expiries are shown in it. */
  timeZone: string;
  /** What was just done, said at the top of the page. */
  notice?: string;
};

const ROLE_HINTS: Record<StaffRole, string> = {
  admin: 'Everything: requests, staff accounts, export, audit, analytics.',
  coordinator: 'Works the requests: reads them, calls back, adds notes.',
  marketing: 'Analytics only. Never opens patient data.',
};
/** "Nov 25, 2026, 3:12 PM PST" in the clinic's zone. */
const when = (d: Date, timeZone: string) =>
  dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
const day = (d: Date, timeZone: string) =>
  dateTimeFormat('en-US', { timeZone, dateStyle: 'medium' }).format(d);

/** The admin's staff page: who has an account, open invite links, and a form to invite. */
export function StaffListPage({ site, staff, csrf, members, invites, form, notice, timeZone }: Props) {
  const errors = (['email', 'role'] as const).flatMap((f) =>
    form.errors[f] ? [[f, form.errors[f]] as [string, string]] : [],
  );
  return (
    <StaffLayout
      site={site}
      staff={staff}
      csrf={csrf}
      title={errors.length ? 'Error: Staff' : 'Staff'}
      current="staff"
    >
      <h1>Staff</h1>
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      {form.problem ? (
        <div class="error-summary" role="alert">
          <p>{form.problem}</p>
        </div>
      ) : null}
      <h2>Accounts</h2>
      <ul class="member-list">
        {members.map((m) => (
          <li>
            <strong>{m.displayName ?? m.email}</strong>
            {m.displayName ? ` · ${m.email}` : null}
            <br />
            {`${ROLE_LABELS[m.role]} · ${m.disabledAt ? `disabled ${day(m.disabledAt, timeZone)}` : `active since ${day(m.createdAt, timeZone)}`}`}
            <br />
            {m.lastSignInAt ? `Last signed in ${when(m.lastSignInAt, timeZone)}` : 'Has not signed in yet'}
            {m.id === staff.staffId ? null : m.disabledAt ? (
              <>
                <br />
                <a href={`/staff/staff/${m.id}/reset`}>
                  Enable again<span class="visually-hidden">{` ${m.email}`}</span>
                </a>
              </>
            ) : (
              <>
                <br />
                <a href={`/staff/staff/${m.id}/reset`}>
                  Reset<span class="visually-hidden">{` ${m.email}`}</span>
                </a>
                {' · '}
                <a href={`/staff/staff/${m.id}/disable`}>
                  Disable<span class="visually-hidden">{` ${m.email}`}</span>
                </a>
                <form method="post" action={`/staff/staff/${m.id}/role`} class="inline-form role-form">
                  <CsrfField value={csrf} />
                  <label for={`role-of-${m.id}`}>{`Role of ${m.email}`}</label>{' '}
                  <select id={`role-of-${m.id}`} name="role">
                    {STAFF_ROLES.map((role) => (
                      <option value={role} selected={role === m.role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="button secondary">
                    Change role
                  </button>
                </form>
                <br />
                <form method="post" action={`/staff/staff/${m.id}/clear-lock`} class="inline-form">
                  <CsrfField value={csrf} />
                  <button type="submit" class="button secondary">
                    Clear sign-in lock<span class="visually-hidden">{` of ${m.email}`}</span>
                  </button>
                </form>
              </>
            )}
          </li>
        ))}
      </ul>
      {invites.length > 0 ? (
        <>
          <h2>Open invite links</h2>
          <ul class="member-list">
            {invites.map((i) => (
              <li>
                {`${i.email} (${ROLE_LABELS[i.role]}${i.staffId ? ', reset' : ''}), works until ${when(i.expiresAt, timeZone)}`}
                <form method="post" action={`/staff/staff/invites/${i.id}/revoke`} class="inline-form">
                  <CsrfField value={csrf} />
                  <button type="submit" class="button secondary">
                    Withdraw the link<span class="visually-hidden">{` for ${i.email}`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Invite a member</h2>
      <p>
        You get a one-time link to give them. It works for 72 hours; they choose a password and set up their
        authenticator app.
      </p>
      <form method="post" action="/staff/staff/invite">
        <CsrfField value={csrf} />
        <StaffField
          name="email"
          label="Their e-mail address"
          type="email"
          autocomplete="off"
          value={form.email}
          error={form.errors.email}
          required
        />
        <fieldset class={form.errors.role ? 'field invalid' : 'field'} id="role">
          <legend>Role</legend>
          {form.errors.role ? <p class="field-error">{form.errors.role}</p> : null}
          {STAFF_ROLES.map((role) => (
            <div class="choice">
              <input
                type="radio"
                id={`role-${role}`}
                name="role"
                value={role}
                checked={form.role === role}
                aria-describedby={`role-${role}-hint`}
              />
              <label for={`role-${role}`}>{ROLE_LABELS[role]}</label>
              <span class="hint" id={`role-${role}-hint`}>
                {ROLE_HINTS[role]}
              </span>
            </div>
          ))}
        </fieldset>
        <p>
          <button class="button" type="submit">
            Create the invite link
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
