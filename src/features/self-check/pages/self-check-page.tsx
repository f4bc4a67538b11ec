import type { Locale } from '../../../i18n/locales.ts';
import { Layout } from '../../../ui/layout.tsx';
import { contactPageJsonLd, serializeJsonLd } from '../../content/index.ts';
import type { Site } from '../../../ui/site.ts';
import type { AnswerErrors, RawAnswers, Result } from '../rules.ts';
import { selfCheckText } from '../text.ts';
import { QuestionsForm } from './questions.tsx';
import { ResultView, type CallBack } from './result-view.tsx';

export type SelfCheckPageProps = {
  site: Site;
  locale: Locale;
  path: string;
  twin: string;
  scripts: string[];
  token: string;
  answers: RawAnswers;
  errors: AnswerErrors;
  notice: 'expired' | 'rateLimited' | null;
  /** After a post with every answer (or a warning sign): what to show instead of the questions. */
  result: Result | null;
  callBack: CallBack | null;
};

/** The self-check: the questions, or (after a post) the result in their place. */
export function SelfCheckPage(props: SelfCheckPageProps) {
  const { site, locale, result } = props;
  const t = selfCheckText(locale);
  const resultTitle = result
    ? {
        urgent: t.urgent.title,
        'worth-asking': t.worthAsking.title,
        'doctor-first': t.doctorFirst.title,
        'other-first': t.otherFirst.title,
      }[result.kind]
    : null;
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <Layout
      site={site}
      locale={locale}
      title={resultTitle ?? (hasErrors ? `${t.errorPrefix} ${t.title}` : t.title)}
      description={t.description}
      path={props.path}
      twin={props.twin}
      scripts={props.scripts}
      jsonLd={serializeJsonLd(
        contactPageJsonLd({
          type: 'WebPage',
          clinic: site.clinic,
          siteUrl: site.siteUrl,
          path: props.path,
          locale,
          title: t.title,
          description: t.description,
        }),
      )}
    >
      {result ? (
        <ResultView
          site={site}
          locale={locale}
          result={result}
          startPath={props.path}
          callBack={props.callBack}
        />
      ) : (
        <>
          <h1>{t.heading}</h1>
          {props.notice ? (
            <div class="notice" id="form-notice" role="alert" tabindex={-1} autofocus>
              <p>{props.notice === 'expired' ? t.expired : t.rateLimited}</p>
            </div>
          ) : null}
          <p>{t.intro}</p>
          <p>{t.privacy}</p>
          <p>{t.notDiagnosis}</p>
          <p class="emergency-note">{t.emergency}</p>
          <QuestionsForm
            locale={locale}
            path={props.path}
            token={props.token}
            answers={props.answers}
            errors={props.errors}
            focusSummary={hasErrors && !props.notice}
          />
        </>
      )}
    </Layout>
  );
}
