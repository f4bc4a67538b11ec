import { raw } from 'hono/html';
import type { Site } from '../../ui/site.ts';
import type { SetupResult } from './complete-setup.ts';
import { StaffLayout } from '../../ui/staff-layout.tsx';

type Props = { site: Site; email: string; result: SetupResult; qrSvg: string };

/** Shown once after set-up: the recovery key, the TOTP enrollment and the recovery codes. */
export function SetupDonePage({ site, email, result, qrSvg }: Props) {
  const secret = new URL(result.totpUri).searchParams.get('secret') ?? '';
  return (
    <StaffLayout site={site} staff={null} title="Set-up complete">
      <h1>Set-up complete</h1>
      <p>{`The first administrator is ${email}.`}</p>
      <p>
        <strong>
          Store what follows offline now, for example printed and kept in the clinic safe. This page is shown
          only once: reloading it will not show these again.
        </strong>
      </p>

      <h2>Recovery key</h2>
      <p>
        It opens every patient request if all administrator passwords are lost. Anyone who holds it can read
        them: do not keep it on this computer or in e-mail.
      </p>
      <p>
        <code id="recovery-key">{result.recoveryKey}</code>
      </p>

      <h2>Two-factor sign-in</h2>
      <p>Scan this QR code with an authenticator app, or enter the key below in it.</p>
      <figure>
        {raw(qrSvg)}
        <figcaption>
          Key for manual entry: <code>{secret}</code>
        </figcaption>
      </figure>
      <p>
        Set-up address for authenticator apps: <code id="totp-uri">{result.totpUri}</code>
      </p>

      <h2>Recovery codes</h2>
      <p>Each code signs you in once without the authenticator app. Store them with the recovery key.</p>
      <ol id="recovery-codes">
        {result.recoveryCodes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </StaffLayout>
  );
}
