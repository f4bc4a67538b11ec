import type { Locale } from '../../../i18n/locales.ts';
import {
  BEST_TIMES,
  CONTACT_METHODS,
  INSURANCES,
  LANGUAGES,
  PAIN_AREAS,
  PAIN_DURATIONS,
  PAIN_LEVELS,
  TREATMENTS,
  type FieldName,
} from '../fields.ts';
import { ruleMessage } from '../rule-messages.ts';
import type { FieldErrors, RawForm } from '../rules.ts';
import { ChoiceGroup, ConsentField, SelectField, TextArea, TextField } from './form-fields.tsx';
import { formText } from './form-text.ts';

const pairs = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => [v, labels[v]] as const);

/** Every patient field of the form, in page order, with the values and errors of the last post. */
export function RequestFields(props: {
  locale: Locale;
  form: RawForm;
  errors: FieldErrors;
  privacyPath: string;
}) {
  const { locale, form } = props;
  const t = formText(locale);
  const w = { required: t.required, errorPrefix: t.errorPrefix };
  const error = (name: FieldName) => {
    const e = props.errors[name];
    return e ? ruleMessage(locale, e) : undefined;
  };
  const text = (name: Exclude<FieldName, 'pain-area' | 'treatments'>) => ({
    name,
    w,
    value: form[name],
    error: error(name),
  });
  const one = (name: Exclude<FieldName, 'pain-area' | 'treatments'>) => ({
    name,
    w,
    selected: [form[name]],
    error: error(name),
  });
  return (
    <>
      <h2>{t.aboutYou}</h2>
      <TextField {...text('given-name')} label={t.givenName} autocomplete="given-name" required />
      <TextField {...text('family-name')} label={t.familyName} autocomplete="family-name" required />
      <TextField
        {...text('postal-code')}
        label={t.postalCode}
        autocomplete="postal-code"
        inputmode="numeric"
        required
      />

      <h2>{t.reachYou}</h2>
      <p>{t.contactHint}</p>
      <TextField {...text('tel')} type="tel" label={t.tel} hint={t.telHint} autocomplete="tel" />
      <TextField {...text('email')} type="email" label={t.email} autocomplete="email" />
      <ChoiceGroup
        {...one('contact-method')}
        type="radio"
        label={t.contactMethod}
        options={pairs(CONTACT_METHODS, t.contactMethods)}
        required
      />
      <ChoiceGroup
        {...one('best-time')}
        type="radio"
        label={t.bestTime}
        options={pairs(BEST_TIMES, t.bestTimes)}
        required
      />
      <ChoiceGroup
        {...one('language')}
        type="radio"
        label={t.language}
        options={pairs(LANGUAGES, t.languages)}
        required
      />
      <TextField {...text('language-other')} label={t.languageOther} />

      <h2>{t.aboutPain}</h2>
      <ChoiceGroup
        name="pain-area"
        w={w}
        error={error('pain-area')}
        selected={form['pain-area']}
        type="checkbox"
        label={t.painArea}
        hint={t.painAreaHint}
        options={pairs(PAIN_AREAS, t.painAreas)}
        required
      />
      <ChoiceGroup
        {...one('pain-duration')}
        type="radio"
        label={t.painDuration}
        options={pairs(PAIN_DURATIONS, t.painDurations)}
        required
      />
      <ChoiceGroup
        {...one('pain-level')}
        type="radio"
        label={t.painLevel}
        hint={t.painLevelHint}
        options={PAIN_LEVELS.map((v) => [v, v] as const)}
        layout="scale"
        required
      />
      <ChoiceGroup
        name="treatments"
        w={w}
        error={error('treatments')}
        selected={form.treatments}
        type="checkbox"
        label={t.treatments}
        hint={t.treatmentsHint}
        options={pairs(TREATMENTS, t.treatmentOptions)}
      />
      <SelectField
        {...text('insurance')}
        label={t.insurance}
        empty={t.insuranceNone}
        options={pairs(INSURANCES, t.insurances)}
      />

      <h2>{t.more}</h2>
      <TextArea {...text('message')} label={t.message} hint={t.messageHint} />
      <TextField {...text('heard-from')} label={t.heardFrom} />
      <ConsentField
        name="consent"
        w={w}
        error={error('consent')}
        checked={form.consent === 'yes'}
        label={t.consent}
        hint={
          <a href={props.privacyPath} target="_blank" rel="noopener">
            {t.privacyLink}
          </a>
        }
        required
      />
    </>
  );
}
