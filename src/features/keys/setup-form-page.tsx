import type { Site } from '../../ui/site.ts';
import { StaffLayout } from '../../ui/staff-layout.tsx';
import type { SetupFieldErrors } from './setup-form.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

const LABELS = { email: 'E-mail address', password: 'Password', confirm: 'Password again' } as const;

type Props = { site: Site; token: string; email: string; errors: SetupFieldErrors };

/** The first-admin form behind the set-up link; re-rendered with the e-mail kept and errors shown. */
export function SetupFormPage({ site, token, email, errors }: Props) {
  const problems = (Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((name) => errors[name]);
  const title = 'Set up Clinic Site';
  return (
    <StaffLayout site={site} staff={null} title={problems.length > 0 ? `Error: ${title}` : title}>
      <h1>{title}</h1>
      {problems.length > 0 ? (
        <div role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">There is a problem</h2>
          <ul>
            {problems.map((name) => (
              <li>
                <a href={`#${name}`}>{errors[name]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        Create the first administrator. Your password protects the clinic key that opens every patient
        request, so choose a long one you do not use anywhere else: at least {MIN_PASSWORD_LENGTH} characters;
        a few unrelated words work well.
      </p>
      <form method="post" action="/staff/setup">
        <input type="hidden" name="token" value={token} />
        <Field name="email" type="email" autocomplete="username" value={email} error={errors.email} />
        <Field name="password" type="password" autocomplete="new-password" error={errors.password} />
        <Field name="confirm" type="password" autocomplete="new-password" error={errors.confirm} />
        <p>
          <button class="button" type="submit">
            Create the administrator
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}

function Field(props: {
  name: keyof typeof LABELS;
  type: 'email' | 'password';
  autocomplete: string;
  value?: string;
  error: string | undefined;
}) {
  const errorId = `${props.name}-error`;
  return (
    <p>
      <label for={props.name}>{`${LABELS[props.name]} (required)`}</label>
      <br />
      {props.error ? (
        <>
          <strong id={errorId}>{`Error: ${props.error}`}</strong>
          <br />
        </>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type={props.type}
        autocomplete={props.autocomplete}
        value={props.value}
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
    </p>
  );
}
