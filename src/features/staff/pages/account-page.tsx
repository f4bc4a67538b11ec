import { canReadRequests, canViewAnalytics, ROLE_LABELS } from '../../auth/index.ts';
import { ErrorSummary, Notice, StaffField } from '../../../ui/staff-form.tsx';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import { NEW_PASSWORD_LABELS, NewPasswordFields } from '../../../ui/new-password-fields.tsx';
import type { Site } from '../../../ui/site.ts';
import type { StaffSession } from '../../auth/index.ts';
import type { Preferences } from '../member-queries.ts';
import { DISPLAY_NAME_MAX, type PreferenceErrors } from '../preferences.ts';

export type PasswordErrors = Partial<Record<'current' | 'password' | 'confirm', string>>;

/** The settings form as shown: the saved values, or what was posted when it had an error. */
export type SettingsForm = { values: Preferences; typedName: string; errors: PreferenceErrors };

type Props = {
  site: Site;
  staff: StaffSession;
  csrf: string;
  errors: PasswordErrors;
  settings: SettingsForm;
  notice: string | null;
};

const LABELS = { current: 'Current password', ...NEW_PASSWORD_LABELS } as const;

const SETTING_FIELDS = ['displayName', 'locale'] as const;

/** The member's own account: their settings, change password, sign out everywhere. */
export function AccountPage({ site, staff, csrf, errors, settings, notice }: Props) {
  const summary = [
    ...SETTING_FIELDS.flatMap((f) =>
      settings.errors[f] ? [[f, settings.errors[f]] as [string, string]] : [],
    ),
    ...(Object.keys(LABELS) as (keyof typeof LABELS)[]).flatMap((f) =>
      errors[f] ? [[f, errors[f]] as [string, string]] : [],
    ),
  ];
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
      <SettingsSection
        csrf={csrf}
        settings={settings}
        readsRequests={canReadRequests(staff.role)}
        viewsAnalytics={canViewAnalytics(staff.role)}
      />
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

/** Name, language and e-mail choices: one form, saved together. */
function SettingsSection(props: {
  csrf: string;
  settings: SettingsForm;
  readsRequests: boolean;
  viewsAnalytics: boolean;
}) {
  const { csrf, settings } = props;
  const { values, errors } = settings;
  return (
    <>
      <h2>Your settings</h2>
      <form method="post" action="/staff/account/settings">
        <CsrfField value={csrf} />
        <StaffField
          name="displayName"
          label="Your name (optional)"
          hint={`How the staff page, request histories and exports name you; at most ${DISPLAY_NAME_MAX} characters. Without it, they show your e-mail address.`}
          autocomplete="name"
          value={settings.typedName}
          error={errors.displayName}
        />
        <fieldset class={errors.locale ? 'field invalid' : 'field'} id="locale">
          <legend>Language of your exports and e-mails</legend>
          {errors.locale ? (
            <p class="field-error" id="locale-error">
              <span class="visually-hidden">Error: </span>
              {errors.locale}
            </p>
          ) : null}
          {(
            [
              ['en', 'English'],
              ['es', 'Spanish (Español)'],
            ] as const
          ).map(([code, label]) => (
            <div class="choice">
              <input
                type="radio"
                id={`locale-${code}`}
                name="locale"
                value={code}
                checked={values.locale === code}
              />
              <label for={`locale-${code}`} lang={code}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        {props.readsRequests || props.viewsAnalytics ? (
          <EmailChoices
            values={values}
            readsRequests={props.readsRequests}
            viewsAnalytics={props.viewsAnalytics}
          />
        ) : null}
        <p>
          <button class="button" type="submit">
            Save settings
          </button>
        </p>
      </form>
    </>
  );
}

/**
 * The e-mail choices each role is sent: the request notices and the daily summary to the roles
 * that read requests, the weekly analytics summary to those that see the analytics.
 */
function EmailChoices(props: { values: Preferences; readsRequests: boolean; viewsAnalytics: boolean }) {
  const { values } = props;
  return (
    <fieldset class="field">
      <legend>E-mails</legend>
      <p class="hint">They never hold a patient’s name or details: sign in to read a request.</p>
      {props.readsRequests ? (
        <>
          <Choice
            name="notifyNewRequests"
            checked={values.notifyNewRequests}
            label="E-mail me for each new request"
            hint="Its number, language and arrival time, with a link to sign in."
          />
          <Choice
            name="notifyDailySummary"
            checked={values.notifyDailySummary}
            label="E-mail me a daily summary"
            hint="Once a day: how many requests are new, due today and overdue, with links to the inbox."
          />
        </>
      ) : null}
      {props.viewsAnalytics ? (
        <Choice
          name="notifyWeeklySummary"
          checked={values.notifyWeeklySummary}
          label="E-mail me a weekly analytics summary"
          hint="Every Monday: last week’s visitors, requests sent and top campaigns with their funnels, beside the week before, with links to the dashboard."
        />
      ) : null}
    </fieldset>
  );
}

function Choice(props: { name: string; checked: boolean; label: string; hint: string }) {
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="yes"
        checked={props.checked}
        aria-describedby={`${props.name}-hint`}
      />
      <label for={props.name}>{props.label}</label>
      <span class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </span>
    </div>
  );
}
