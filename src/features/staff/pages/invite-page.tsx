import { ROLE_LABELS } from '../../auth/index.ts';
import { AuthenticatorEnrolment } from '../../../ui/authenticator-enrolment.tsx';
import { ErrorSummary, StaffField } from '../../../ui/staff-form.tsx';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import { NEW_PASSWORD_LABELS, NewPasswordFields } from '../../../ui/new-password-fields.tsx';
import type { Site } from '../../../ui/site.ts';
import { MIN_PASSWORD_LENGTH } from '../../keys/index.ts';
import type { AcceptErrors } from '../accept-invite.ts';
import type { Invite } from '../queries.ts';

type Props = {
  site: Site;
  csrf: string;
  token: string;
  invite: Invite;
  totpUri: string;
  qrSvg: string;
  errors: AcceptErrors;
};

const LABELS = { ...NEW_PASSWORD_LABELS, code: 'Code from the app' } as const;

/**
 * Behind an invite (or reset) link: choose a password and add the account to an authenticator
 * app, proven by one code from it. The e-mail is shown read-only, as the username password
 * managers should save.
 */
export function InvitePage({ site, csrf, token, invite, totpUri, qrSvg, errors }: Props) {
  const title = invite.staffId ? 'Set up your account again' : 'Set up your account';
  const summary = (Object.keys(LABELS) as (keyof typeof LABELS)[]).flatMap((f) =>
    errors[f] ? [[f, errors[f]] as [string, string]] : [],
  );
  return (
    <StaffLayout site={site} staff={null} csrf={csrf} title={summary.length ? `Error: ${title}` : title}>
      <h1>{title}</h1>
      <ErrorSummary errors={summary} />
      <p>{`You are invited to the ${site.clinic.name} staff area as ${ROLE_LABELS[invite.role]}. This link works once.`}</p>
      <form method="post" action="/staff/invite">
        <CsrfField value={csrf} />
        <input type="hidden" name="token" value={token} />
        <StaffField
          name="email"
          label="E-mail address (your username)"
          type="email"
          autocomplete="username"
          value={invite.email}
          readonly
        />
        <h2>1. Choose a password</h2>
        <p>{`At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well. Common passwords are refused.`}</p>
        <NewPasswordFields errors={errors} />
        <h2>2. Add this account to an authenticator app</h2>
        <AuthenticatorEnrolment
          totpUri={totpUri}
          qrSvg={qrSvg}
          codeLabel={LABELS.code}
          codeError={errors.code}
        />
        <p>
          <button class="button" type="submit">
            Create my account
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}

/** Shown once after the account is set up: the ten recovery codes. */
export function EnrolledPage({
  site,
  csrf,
  email,
  recoveryCodes,
}: {
  site: Site;
  csrf: string;
  email: string;
  recoveryCodes: string[];
}) {
  return (
    <StaffLayout site={site} staff={null} csrf={csrf} title="Your account is ready">
      <h1>Your account is ready</h1>
      <p>{`You can now sign in as ${email} with your password and a code from your app.`}</p>
      <h2>Recovery codes</h2>
      <p>
        <strong>Shown only once.</strong> Each code signs you in once if you lose your phone. Print them or
        write them down, and keep them somewhere safe, away from this computer.
      </p>
      <ol class="codes" id="recovery-codes">
        {recoveryCodes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href="/staff/sign-in?notice=enrolled">
          Sign in
        </a>
      </p>
    </StaffLayout>
  );
}
