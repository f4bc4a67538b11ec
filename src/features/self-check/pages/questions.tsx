import type { Locale } from '../../../i18n/locales.ts';
import {
  QUESTION_ORDER,
  QUESTIONS,
  type AnswerErrors,
  type QuestionName,
  type RawAnswers,
} from '../rules.ts';
import { selfCheckText } from '../text.ts';

const optionId = (name: QuestionName, value: string) => `${name}--${value}`;

/** One question: a fieldset with its legend, hint, error and choices (the request form's markup). */
function Question(props: {
  locale: Locale;
  name: QuestionName;
  n: number;
  answers: RawAnswers;
  error: boolean;
}) {
  const { name, locale } = props;
  const t = selfCheckText(locale);
  const words = t.questions[name];
  const spec = QUESTIONS[name];
  const chosen = ([] as string[]).concat(props.answers[name]);
  const describedBy = [words.hint ? `${name}-hint` : '', props.error ? `${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      class={props.error ? 'field invalid step' : 'field step'}
      data-field={name}
      data-step={props.n}
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={describedBy || undefined}
    >
      <legend>
        <span class="step-count">{`${t.questionOf(props.n, QUESTION_ORDER.length)}: `}</span>
        {words.label}
      </legend>
      {words.hint ? (
        <p class="hint" id={`${name}-hint`}>
          {words.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${name}-error`}>
          <span class="visually-hidden">{`${t.errorPrefix} `}</span>
          {t.required}
        </p>
      ) : null}
      <div class="choices">
        {spec.options.map((value) => (
          <div class="choice">
            <input
              type={spec.kind === 'checkboxes' ? 'checkbox' : 'radio'}
              id={optionId(name, value)}
              name={name}
              value={value}
              checked={chosen.includes(value)}
            />
            <label for={optionId(name, value)}>{(words.options as Record<string, string>)[value]}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The questions as one plain form posted to the page itself; the script shows them one at a time. */
export function QuestionsForm(props: {
  locale: Locale;
  path: string;
  token: string;
  answers: RawAnswers;
  errors: AnswerErrors;
  focusSummary: boolean;
}) {
  const { locale, errors } = props;
  const t = selfCheckText(locale);
  const missing = QUESTION_ORDER.filter((q) => errors[q]);
  return (
    <form
      method="post"
      action={props.path}
      data-self-check
      data-next={t.next}
      data-back={t.back}
      data-required={t.required}
    >
      {missing.length > 0 ? (
        <div
          class="error-summary"
          id="error-summary"
          role="alert"
          tabindex={-1}
          autofocus={props.focusSummary}
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title">{t.summaryTitle}</h2>
          <ul>
            {missing.map((q) => (
              <li>
                <a href={`#${optionId(q, QUESTIONS[q].options[0])}`}>{t.questions[q].label}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="form-token" value={props.token} />
      {QUESTION_ORDER.map((name, i) => (
        <Question
          locale={locale}
          name={name}
          n={i + 1}
          answers={props.answers}
          error={errors[name] !== undefined}
        />
      ))}
      <p class="step-buttons">
        <button type="submit" class="button" data-submit>
          {t.showResult}
        </button>
      </p>
    </form>
  );
}
