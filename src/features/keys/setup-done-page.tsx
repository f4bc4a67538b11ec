import type { Site } from '../../ui/site.ts';
import type { SetupResult } from './complete-setup.ts';
import { StaffLayout } from '../../ui/staff-layout.tsx';

type Props = { site: Site; email: string; result: SetupResult; createdAt: string };

/**
 * Shown once after set-up: the recovery kit (the recovery key and the ten recovery codes, what
 * each is for and where to keep it), laid out to print, and the way on to sign in.
 */
export function SetupDonePage({ site, email, result, createdAt }: Props) {
  return (
    <StaffLayout site={site} staff={null} title="Set-up complete: your recovery kit">
      <h1>Set-up complete</h1>
      <p>{`The first administrator is ${email}. Your authenticator app is set up.`}</p>
      <div class="notice no-print" role="status">
        <p>
          <strong>
            Print this page now (Ctrl+P, or ⌘P on a Mac), or write down what it shows. It is shown only once:
            reloading it will not show these again.
          </strong>
        </p>
        <p>
          <a class="button" href="/staff/sign-in" id="sign-in-link">
            Then sign in
          </a>
        </p>
      </div>

      <section class="recovery-kit" aria-labelledby="kit-title">
        <h2 id="kit-title">{`Recovery kit: ${site.clinic.name}`}</h2>
        <p>{`Made ${createdAt} for ${email}.`}</p>

        <h3>Recovery key</h3>
        <p>
          <code id="recovery-key">{result.recoveryKey}</code>
        </p>
        <p>
          What it is for: it opens every patient request if all administrator passwords are lost, and it lets
          the command line export or re-invite staff. Anyone who holds it can read every request.
        </p>
        <p>
          Where to keep it: on paper, in a locked place such as the clinic safe, away from the computer. Never
          in e-mail, a chat, a photo or a file on this computer.
        </p>

        <h3>Recovery codes</h3>
        <p>
          What they are for: each code signs you in once instead of a code from your app, if you lose your
          phone. After you use one, cross it out.
        </p>
        <p>Where to keep them: with the recovery key, or in your own locked drawer.</p>
        <ol id="recovery-codes" class="codes">
          {result.recoveryCodes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ol>
      </section>
    </StaffLayout>
  );
}
