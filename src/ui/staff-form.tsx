import type { Child } from 'hono/jsx';

/**
 * Form parts for staff pages: a field with its label, hint and error wired by id, and the error
 * summary at the top that links to each field. Same classes as the request form (site.css).
 */
export type StaffFieldProps = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  hint?: string;
  error?: string;
  readonly?: boolean;
  required?: boolean;
};

/** One labelled input; passwords are never given a value. */
export function StaffField(props: StaffFieldProps) {
  const { name, hint, error } = props;
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={name}>{props.label}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.type === 'email' || props.type === 'password' ? undefined : false}
        readonly={props.readonly}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** "There is a problem" with one link per field error, in form order. */
export function ErrorSummary({ errors }: { errors: [field: string, message: string][] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A short notice (signed out, saved…) in a polite live region. */
export function Notice({ children }: { children: Child }) {
  return (
    <div class="notice" role="status">
      <p>{children}</p>
    </div>
  );
}
