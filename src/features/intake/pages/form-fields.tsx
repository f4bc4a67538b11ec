import type { Child } from 'hono/jsx';
import { choiceId, type FieldName } from '../../requests/index.ts';

/**
 * The form's controls, each with a visible label, an optional hint, and its error right above
 * the control, wired with aria-invalid and aria-describedby. The browser script
 * (../browser/field-errors.ts) writes errors into the same structure: the error paragraph goes
 * just before the field's last child, the control.
 */
export type FieldWords = { required: string; errorPrefix: string };

type Common = {
  name: FieldName;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  w: FieldWords;
};

const describedBy = (name: string, hint?: string, error?: string) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

function Label({ label, required, w }: Pick<Common, 'label' | 'required' | 'w'>) {
  return (
    <>
      {label}
      {required ? <span class="req">{` (${w.required})`}</span> : null}
    </>
  );
}

function HintAndError({ name, hint, error, w }: Pick<Common, 'name' | 'hint' | 'error' | 'w'>) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          <span class="visually-hidden">{`${w.errorPrefix} `}</span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A control with its label above it, then its hint and error; the control comes last. */
function LabelledField(props: Common & { children: Child }) {
  const { name, error } = props;
  return (
    <div class={error ? 'field invalid' : 'field'} data-field={name}>
      <label for={name}>
        <Label {...props} />
      </label>
      <HintAndError {...props} />
      {props.children}
    </div>
  );
}

/** A one-line text input; `required` is said in words and aria-required, not enforced by the browser. */
export function TextField(
  props: Common & {
    value: string;
    type?: 'text' | 'tel' | 'email';
    autocomplete?: string;
    inputmode?: 'numeric';
  },
) {
  const { name, error, hint, required } = props;
  return (
    <LabelledField {...props}>
      <input
        id={name}
        name={name}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.type === 'text' ? false : undefined}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </LabelledField>
  );
}

export function TextArea(props: Common & { value: string }) {
  const { name, error, hint } = props;
  return (
    <LabelledField {...props}>
      <textarea
        id={name}
        name={name}
        rows={5}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {props.value}
      </textarea>
    </LabelledField>
  );
}

/** Radio buttons or checkboxes in a fieldset whose legend asks the question. */
export function ChoiceGroup(
  props: Common & {
    type: 'radio' | 'checkbox';
    options: readonly (readonly [value: string, label: string])[];
    selected: readonly string[];
    layout?: 'scale';
  },
) {
  const { name, error, hint } = props;
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      data-field={name}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend>
        <Label {...props} />
      </legend>
      <HintAndError {...props} />
      <div class={props.layout === 'scale' ? 'choices scale' : 'choices'}>
        {props.options.map(([value, label]) => (
          <div class="choice">
            <input
              type={props.type}
              id={choiceId(name, value)}
              name={name}
              value={value}
              checked={props.selected.includes(value)}
            />
            <label for={choiceId(name, value)}>{label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A drop-down whose first, empty choice means "not answered". */
export function SelectField(
  props: Common & {
    value: string;
    empty: string;
    options: readonly (readonly [value: string, label: string])[];
  },
) {
  const { name, error, hint } = props;
  return (
    <LabelledField {...props}>
      <select
        id={name}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        <option value="">{props.empty}</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** One required checkbox; the hint holds a link (the privacy notice). */
export function ConsentField(props: Omit<Common, 'hint'> & { checked: boolean; hint: unknown }) {
  const { name, error } = props;
  return (
    <div class={error ? 'field invalid' : 'field'} data-field={name}>
      <p class="hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      <HintAndError name={name} error={error} w={props.w} />
      <div class="choice">
        <input
          type="checkbox"
          id={name}
          name={name}
          value="yes"
          checked={props.checked}
          aria-required="true"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, 'hint', error)}
        />
        <label for={name}>
          <Label {...props} />
        </label>
      </div>
    </div>
  );
}
