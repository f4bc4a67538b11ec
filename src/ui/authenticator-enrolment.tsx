import { raw } from 'hono/html';
import { StaffField } from './staff-form.tsx';

/** Apps that work (any app for "TOTP" codes does); named so a new member knows what to install. */
export const AUTHENTICATOR_APPS = [
  'Google Authenticator',
  'Microsoft Authenticator',
  '2FAS',
  'Aegis (Android)',
  'the Passwords app on an iPhone',
] as const;

/** The base32 key inside an otpauth:// URI, for people who type it in rather than scan it. */
export function secretOf(totpUri: string): string {
  return new URL(totpUri).searchParams.get('secret') ?? '';
}

/**
 * Adding an account to an authenticator app, as first set-up and invites ask for it: which apps
 * work, the QR code, the key to type in, and one code from the app to prove it is set up.
 */
export function AuthenticatorEnrolment(props: {
  totpUri: string;
  qrSvg: string;
  codeLabel: string;
  codeError: string | undefined;
}) {
  const apps = `${AUTHENTICATOR_APPS.slice(0, -1).join(', ')} or ${AUTHENTICATOR_APPS.at(-1)}`;
  return (
    <>
      <p>
        {`Install an authenticator app on your phone if you have none, for example ${apps}. Then scan the QR code with it, or type the key into it.`}
      </p>
      <figure class="qr">
        {raw(props.qrSvg)}
        <figcaption>
          Key for typing in: <code class="secret">{secretOf(props.totpUri)}</code>
        </figcaption>
      </figure>
      <p>
        Set-up address for apps:{' '}
        <code class="secret" id="totp-uri">
          {props.totpUri}
        </code>
      </p>
      <StaffField
        name="code"
        label={props.codeLabel}
        hint="The 6-digit code the app now shows for this account, to check it is set up."
        autocomplete="one-time-code"
        inputmode="numeric"
        error={props.codeError}
        required
      />
    </>
  );
}
