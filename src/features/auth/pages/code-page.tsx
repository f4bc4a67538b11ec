import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import { StaffField } from '../../../ui/staff-form.tsx';
import type { Site } from '../../../ui/site.ts';
import { OnwardFields, ProblemSummary, type Onward, type SignInProblem } from './sign-in-page.tsx';

type Props = { site: Site; csrf: string; onward: Onward; problem: SignInProblem | null; recovery: boolean };

/**
 * Step 2: the code from the authenticator app (autocomplete "one-time-code", numeric keypad),
 * or, behind a disclosure that works without script, a recovery code.
 */
export function CodePage({ site, csrf, onward, problem, recovery }: Props) {
  return (
    <StaffLayout
      site={site}
      staff={null}
      csrf={csrf}
      title={problem ? 'Error: Enter your code' : 'Enter your code'}
    >
      <h1>Enter your code</h1>
      <ProblemSummary problem={problem} field={recovery ? 'recovery' : 'code'} />
      <form method="post" action="/staff/sign-in/code">
        <CsrfField value={csrf} />
        <OnwardFields onward={onward} />
        <StaffField
          name="code"
          label="One-time code"
          hint={`The 6-digit code your authenticator app shows for ${site.clinic.name}.`}
          autocomplete="one-time-code"
          inputmode="numeric"
          required
        />
        <p>
          <button class="button" type="submit">
            Sign in
          </button>
        </p>
      </form>
      <details open={recovery}>
        <summary>Use a recovery code instead</summary>
        <form method="post" action="/staff/sign-in/code">
          <CsrfField value={csrf} />
          <OnwardFields onward={onward} />
          <StaffField
            name="recovery"
            label="Recovery code"
            hint="One of the ten codes you stored when your account was set up, like 7K3M-Q8ZD-…. Each works once."
            autocomplete="off"
            required
          />
          <p>
            <button class="button" type="submit">
              Sign in with a recovery code
            </button>
          </p>
        </form>
      </details>
      <p>
        <a href="/staff/sign-in">Start again</a>
      </p>
    </StaffLayout>
  );
}
