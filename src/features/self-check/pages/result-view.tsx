import type { Locale } from '../../../i18n/locales.ts';
import type { Site } from '../../../ui/site.ts';
import { RESULT_EVENTS, type Result } from '../rules.ts';
import { selfCheckText } from '../text.ts';

export type CallBack = { requestPath: string; carryField: string; carryMark: string; carryValue: string };

const list = (locale: Locale, items: string[]) =>
  new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);

/**
 * A result, with the reason for it in plain words. An urgent result shows nothing but what to
 * do now. `data-result` lets the analytics script count which result was shown, and nothing else.
 */
export function ResultView(props: {
  site: Site;
  locale: Locale;
  result: Result;
  startPath: string;
  callBack: CallBack | null;
}) {
  const { site, locale, result } = props;
  const t = selfCheckText(locale);
  const common = {
    class: `result result-${result.kind}`,
    id: 'result',
    'data-result': RESULT_EVENTS[result.kind],
  };
  if (result.kind === 'urgent') {
    return (
      <section {...common} role="alert" aria-labelledby="result-heading">
        <h1 id="result-heading" tabindex={-1} autofocus>
          {t.urgent.heading}
        </h1>
        <p>{t.urgent.text}</p>
        <p>
          <a class="button urgent-call" href="tel:911">
            {t.urgent.call}
          </a>
        </p>
        <p>{t.urgent.room}</p>
        <p class="muted">{`${t.urgent.youChose} ${list(
          locale,
          result.signs.map((s) => t.questions['warning-signs'].options[s].toLowerCase()),
        )}.`}</p>
      </section>
    );
  }
  const call = (
    <p>
      <a href={`tel:${site.clinic.phone}`}>{`${t.callUs} ${site.phoneDisplay}`}</a>
    </p>
  );
  const footer = (
    <>
      <p class="doctor-decides">{t.notDiagnosis}</p>
      <p>
        <a href={props.startPath}>{t.startAgain}</a>
      </p>
    </>
  );
  if (result.kind === 'doctor-first') {
    const about = list(
      locale,
      result.concerns.map((c) => t.doctorFirst.about[c]),
    );
    return (
      <section {...common} aria-labelledby="result-heading">
        <h1 id="result-heading" tabindex={-1} autofocus>
          {t.doctorFirst.heading(about)}
        </h1>
        <h2>{t.doctorFirst.why}</h2>
        <ul>
          {result.concerns.map((c) => (
            <li data-reason={c}>{t.doctorFirst.concerns[c]}</li>
          ))}
        </ul>
        <p>{t.doctorFirst.next}</p>
        {call}
        {footer}
      </section>
    );
  }
  if (result.kind === 'other-first') {
    return (
      <section {...common} aria-labelledby="result-heading">
        <h1 id="result-heading" tabindex={-1} autofocus>
          {t.otherFirst.heading}
        </h1>
        <h2>{t.otherFirst.why}</h2>
        <ul>
          {result.reasons.map((r) => (
            <li data-reason={r}>{t.otherFirst.reasons[r as keyof typeof t.otherFirst.reasons]}</li>
          ))}
        </ul>
        {result.reasons.includes('nothing-tried') ? (
          <>
            <h2>{t.otherFirst.whatFirst}</h2>
            <ul>
              {t.otherFirst.first.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{t.otherFirst.comeBack}</p>
        {call}
        {footer}
      </section>
    );
  }
  const callBack = props.callBack;
  return (
    <section {...common} aria-labelledby="result-heading">
      <h1 id="result-heading" tabindex={-1} autofocus>
        {t.worthAsking.heading}
      </h1>
      <h2>{t.worthAsking.why}</h2>
      <ul>
        {result.reasons.map((r) => (
          <li data-reason={r}>{t.worthAsking.reasons[r as keyof typeof t.worthAsking.reasons]}</li>
        ))}
      </ul>
      <h2>{t.worthAsking.doctorWants}</h2>
      <ul>
        {t.worthAsking.wants.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
      {callBack ? (
        <form method="post" action={callBack.requestPath} class="call-back">
          <h2>{t.worthAsking.requestHeading}</h2>
          <input type="hidden" name={callBack.carryMark} value="1" />
          <div class="choice">
            <input
              type="checkbox"
              id="include-answers"
              name={callBack.carryField}
              value={callBack.carryValue}
              aria-describedby="include-answers-hint"
            />
            <label for="include-answers">{t.worthAsking.include}</label>
          </div>
          <p class="hint" id="include-answers-hint">
            {t.worthAsking.includeHint}
          </p>
          <p>
            <button type="submit" class="button">
              {t.worthAsking.request}
            </button>
          </p>
        </form>
      ) : null}
      {call}
      {footer}
    </section>
  );
}
