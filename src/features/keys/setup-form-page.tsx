import type { Site } from '../../ui/site.ts';
import { ErrorSummary, StaffField } from '../../ui/staff-form.tsx';
import { StaffLayout } from '../../ui/staff-layout.tsx';
import { AuthenticatorEnrolment, secretOf } from '../../ui/authenticator-enrolment.tsx';
import { NewPasswordFields } from '../../ui/new-password-fields.tsx';
import type { SetupFieldErrors } from './setup-form.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

const LABELS = {
  email: 'E-mail address (required)',
  password: 'Password (required)',
  confirm: 'Password again (required)',
  code: 'Code from the app (required)',
} as const;

const TITLE = 'Set up Clinic Site';

function summaryOf(errors: SetupFieldErrors): [string, string][] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).flatMap((f) =>
    errors[f] ? [[f, errors[f]] as [string, string]] : [],
  );
}

/** Step one behind the set-up link: the first admin's e-mail. */
export function SetupEmailPage(props: {
  site: Site;
  token: string;
  email: string;
  errors: SetupFieldErrors;
}) {
  const summary = summaryOf(props.errors);
  return (
    <StaffLayout site={props.site} staff={null} title={summary.length > 0 ? `Error: ${TITLE}` : TITLE}>
      <h1>{TITLE}</h1>
      <ErrorSummary errors={summary} />
      <p>
        Create the first administrator in two steps: your e-mail address, then a password and an authenticator
        app on your phone. After that you get a recovery kit to print and keep safe.
      </p>
      <form method="post" action="/staff/setup">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="step" value="email" />
        <StaffField
          name="email"
          label={LABELS.email}
          type="email"
          autocomplete="username"
          value={props.email}
          error={props.errors.email}
          required
        />
        <p>
          <button class="button" type="submit">
            Continue
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}

type SecureProps = {
  site: Site;
  token: string;
  email: string;
  totpUri: string;
  qrSvg: string;
  errors: SetupFieldErrors;
};

/**
 * Step two: the password, the authenticator app (QR code and key) and one code from it. The
 * administrator is created only once that code is right.
 */
export function SetupSecurePage({ site, token, email, totpUri, qrSvg, errors }: SecureProps) {
  const summary = summaryOf(errors);
  return (
    <StaffLayout site={site} staff={null} title={summary.length > 0 ? `Error: ${TITLE}` : TITLE}>
      <h1>{TITLE}</h1>
      <ErrorSummary errors={summary} />
      <form method="post" action="/staff/setup">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="step" value="secure" />
        <input type="hidden" name="totp-secret" value={secretOf(totpUri)} />
        <StaffField
          name="email"
          label="E-mail address (your username)"
          type="email"
          autocomplete="username"
          value={email}
          readonly
        />
        <h2>1. Choose a password</h2>
        <p>
          {`Your password protects the clinic key that opens every patient request. Choose a long one you do not use anywhere else: at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.`}
        </p>
        <NewPasswordFields errors={errors} labels={LABELS} />
        <h2>2. Add this account to an authenticator app</h2>
        <AuthenticatorEnrolment
          totpUri={totpUri}
          qrSvg={qrSvg}
          codeLabel={LABELS.code}
          codeError={errors.code}
        />
        <p>
          <button class="button" type="submit">
            Create the administrator
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
