import { raw } from 'hono/html';
import type { Locale } from '../../../i18n/locales.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { Site } from '../../../ui/site.ts';
import { formText } from './form-text.ts';
import type { ThankYouPromise } from './thank-you-promise.ts';

export type { ContactMethod, ThankYouPromise } from './thank-you-promise.ts';

export type ThankYouPageProps = {
  site: Site;
  locale: Locale;
  path: string;
  formPath: string;
  /** The tracker (when there is one), then the form's script. */
  scripts: string[];
  /** The stored request's reference; null when there is none to show. */
  reference: string | null;
  /** When and how the clinic will reach the patient, or null for the general promise. */
  promise: ThankYouPromise | null;
  /** The shared "when to call us, when to call 911" passage, as HTML from the content. */
  whenToCall: string;
};

/**
 * Shown only after the request is committed: what happens next and by when. It says nothing
 * the patient typed (it is reached by a redirect whose URL holds only the reference).
 */
export function ThankYouPage(props: ThankYouPageProps) {
  const { site, locale } = props;
  const t = formText(locale).sent;
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      description={t.title}
      path={props.path}
      scripts={props.scripts}
      noindex
    >
      <div data-form-submitted>
        <h1>{t.heading}</h1>
        {props.reference ? (
          <p>
            {`${t.reference} `}
            <strong class="reference">{props.reference}</strong>
            {`. ${t.referenceHint}`}
          </p>
        ) : null}
        <h2>{t.nextHeading}</h2>
        <p>{props.promise ? t.next(props.promise) : t.nextGeneric}</p>
        <p>
          {`${t.sooner} `}
          <a href={`tel:${site.clinic.phone}`}>{site.phoneDisplay}</a>.
        </p>
        <p class="emergency-note">{formText(locale).emergency}</p>
        {raw(props.whenToCall)}
        <p>
          <a href={props.formPath}>{t.another}</a>
        </p>
      </div>
    </Layout>
  );
}
