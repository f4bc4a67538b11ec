import type { Locale } from '../../../i18n/locales.ts';
import {
  fieldSpec,
  ruleMessage,
  type FieldName,
  type MultiField,
  type SingleField,
} from '../../requests/index.ts';
import type { FieldErrors, RawForm } from '../rules.ts';
import { ChoiceGroup, ConsentField, SelectField, TextArea, TextField } from './form-fields.tsx';
import { formText } from './form-text.ts';

/**
 * Every patient field of the form, in page order, with the values and errors of the last post.
 * Each control takes its words, limits and choices from the field list (requests/fields.ts); what
 * is left here is the layout: sections, order, autocomplete tokens, input modes.
 */
export function RequestFields(props: {
  locale: Locale;
  form: RawForm;
  errors: FieldErrors;
  privacyPath: string;
}) {
  const { locale, form } = props;
  const t = formText(locale);
  const w = { required: t.required, errorPrefix: t.errorPrefix };
  const common = (name: FieldName) => {
    const spec = fieldSpec(name);
    const error = props.errors[name];
    return {
      name,
      w,
      label: spec.label[locale],
      hint: spec.hint?.[locale],
      required: spec.required,
      error: error ? ruleMessage(locale, error) : undefined,
    };
  };
  const options = (name: FieldName) =>
    Object.entries(fieldSpec(name).options ?? {}).map(([value, words]) => [value, words[locale]] as const);
  const text = (name: SingleField) => ({ ...common(name), value: form[name] });
  const radio = (name: SingleField) => ({
    ...common(name),
    type: 'radio' as const,
    options: options(name),
    selected: [form[name]],
  });
  const checkboxes = (name: MultiField) => ({
    ...common(name),
    type: 'checkbox' as const,
    options: options(name),
    selected: form[name],
  });
  const select = (name: SingleField) => ({
    ...text(name),
    options: options(name),
    empty: fieldSpec(name).empty?.[locale] ?? '',
  });
  return (
    <>
      <h2>{t.aboutYou}</h2>
      <TextField {...text('given-name')} autocomplete="given-name" />
      <TextField {...text('family-name')} autocomplete="family-name" />
      <TextField {...text('postal-code')} autocomplete="postal-code" inputmode="numeric" />

      <h2>{t.reachYou}</h2>
      <p>{t.contactHint}</p>
      <TextField {...text('tel')} type="tel" autocomplete="tel" />
      <TextField {...text('email')} type="email" autocomplete="email" />
      <ChoiceGroup {...radio('contact-method')} />
      <ChoiceGroup {...radio('best-time')} />
      <ChoiceGroup {...radio('language')} />
      <TextField {...text('language-other')} />

      <h2>{t.aboutPain}</h2>
      <ChoiceGroup {...checkboxes('pain-area')} />
      <ChoiceGroup {...radio('pain-duration')} />
      <ChoiceGroup {...radio('pain-level')} layout="scale" />
      <ChoiceGroup {...checkboxes('treatments')} />
      {/* Shown only when the patient chose to bring their self-check answers. */}
      {form['self-check'].length > 0 || props.errors['self-check'] ? (
        <ChoiceGroup {...checkboxes('self-check')} />
      ) : null}
      <SelectField {...select('insurance')} />

      <h2>{t.more}</h2>
      <TextArea {...text('message')} />
      <TextField {...text('heard-from')} />
      <ConsentField
        {...common('consent')}
        checked={form.consent === 'yes'}
        hint={
          <a href={props.privacyPath} target="_blank" rel="noopener">
            {t.privacyLink}
          </a>
        }
      />
    </>
  );
}
