import type { Child } from 'hono/jsx';

/**
 * Form parts for staff pages: a field with its label, hint and error wired by id, and the error
 * summary at the top that links to each field. Same classes as the request form (site.css).
 */
export type StaffFieldProps = {
  name: string;
  /** The control's id when it differs from its name (two forms on a page posting the same name). */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'datetime-local';
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
  const id = props.id ?? props.name;
  const { hint, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={hint} error={error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.type === 'text' || props.type === undefined ? false : undefined}
        readonly={props.readonly}
        required={props.required}
        {...fieldAria(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** A labelled text area (notes), wired like StaffField. */
export function StaffTextArea(props: {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  rows: number;
}) {
  const id = props.id ?? props.name;
  const { hint, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={hint} error={error}>
      <textarea id={id} name={props.name} rows={props.rows} {...fieldAria(id, hint, error)}>
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** The error under a field's label, read out before the control (its id ends in "-error"). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;
}

function FieldFrame(props: { id: string; label: string; hint?: string; error?: string; children: Child }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={props.id} message={props.error} />
      {props.children}
    </div>
  );
}

function fieldAria(id: string, hint: string | undefined, error: string | undefined) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
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
