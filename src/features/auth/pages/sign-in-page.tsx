import { StaffLayout } from '../../../ui/staff-layout.tsx';
import { CsrfField } from '../../../ui/staff-layout.tsx';
import { Notice, StaffField } from '../../../ui/staff-form.tsx';
import type { Site } from '../../../ui/site.ts';

/** Where to go after sign-in, carried through both steps in hidden fields. */
export type Onward = { returnTo: string; draft: string };

export type SignInProblem =
  { kind: 'failed' } | { kind: 'reused' } | { kind: 'throttled'; retryAfter: number };

/** The one message for a wrong e-mail, password or code: it never says which. */
export const GENERIC_FAILURE = 'The e-mail address, password or code is not right. Check them and try again.';

/** A right code that already signed someone in: the app shows a new one within 30 seconds. */
export const CODE_REUSED = 'That code was just used. Wait for the next one.';

export function throttledMessage(seconds: number): string {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts that did not work. Wait ${wait}, then try again.`;
}

export function ProblemSummary({ problem, field }: { problem: SignInProblem | null; field: string }) {
  if (!problem) return null;
  const message =
    problem.kind === 'failed'
      ? GENERIC_FAILURE
      : problem.kind === 'reused'
        ? CODE_REUSED
        : throttledMessage(problem.retryAfter);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Not signed in</h2>
      <p>
        <a href={`#${field}`}>{message}</a>
      </p>
    </div>
  );
}

export function OnwardFields({ onward }: { onward: Onward }) {
  return (
    <>
      <input type="hidden" name="return" value={onward.returnTo} />
      <input type="hidden" name="draft" value={onward.draft} />
    </>
  );
}

type Props = {
  site: Site;
  csrf: string;
  email: string;
  onward: Onward;
  problem: SignInProblem | null;
  notice: string | null;
};

/** Step 1: e-mail and password (autocomplete "username" and "current-password"). */
export function SignInPage({ site, csrf, email, onward, problem, notice }: Props) {
  return (
    <StaffLayout site={site} staff={null} csrf={csrf} title={problem ? 'Error: Sign in' : 'Sign in'}>
      <h1>Sign in</h1>
      <ProblemSummary problem={problem} field="email" />
      {notice ? <Notice>{notice}</Notice> : null}
      {onward.draft ? (
        <Notice>
          Your session ended before your form was sent. Sign in, and you will get the form back to send.
        </Notice>
      ) : null}
      <form method="post" action="/staff/sign-in">
        <CsrfField value={csrf} />
        <OnwardFields onward={onward} />
        <StaffField
          name="email"
          label="E-mail address"
          type="email"
          autocomplete="username"
          value={email}
          required
        />
        <StaffField
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          required
        />
        <p>
          <button class="button" type="submit">
            Continue
          </button>
        </p>
      </form>
      <p class="muted">Lost your password or authenticator? Ask an administrator to reset your account.</p>
    </StaffLayout>
  );
}
