import type { Locale } from '../../../i18n/locales.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { Site } from '../../../ui/site.ts';
import { contactPageJsonLd, serializeJsonLd } from '../../content/index.ts';
import { controlId, HIDDEN_FIELDS, ruleMessage } from '../../requests/index.ts';
import type { Notice } from '../receive-post.ts';
import { errorsInOrder, type FieldErrors, type RawForm } from '../rules.ts';
import { formText, type FormText } from './form-text.ts';
import { RequestFields } from './request-fields-section.tsx';

export type RequestPageProps = {
  site: Site;
  locale: Locale;
  path: string;
  twin: string;
  privacyPath: string;
  /** The tracker (when there is one), then the form's script. */
  scripts: string[];
  form: RawForm;
  errors: FieldErrors;
  notice: Notice | null;
  /** Whether the notice or error summary takes focus (after a post, not on a first visit). */
  focus: boolean;
  token: string;
  idempotencyKey: string;
  /** A proof-of-work challenge (JSON) while the form is under attack. */
  challenge: string | null;
  /** A still-valid proof-of-work solution, handed back so it need not be solved twice. */
  pow: string;
};

function noticeText(t: FormText, notice: Notice): string {
  return notice.kind === 'rateLimited' ? t.notices.rateLimited(notice.minutes) : t.notices[notice.kind];
}

/** The confidential request form: the same page for a first visit and for every answer to a post. */
export function RequestPage(props: RequestPageProps) {
  const { site, locale, notice, focus } = props;
  const t = formText(locale);
  const errors = errorsInOrder(props.errors);
  const title = errors.length > 0 ? `${t.errorTitlePrefix}${t.title}` : t.title;
  return (
    <Layout
      site={site}
      locale={locale}
      title={title}
      description={t.description}
      path={props.path}
      twin={props.twin}
      scripts={props.scripts}
      jsonLd={serializeJsonLd(
        contactPageJsonLd({
          clinic: site.clinic,
          siteUrl: site.siteUrl,
          path: props.path,
          locale,
          title: t.title,
          description: t.description,
        }),
      )}
    >
      <h1>{t.title}</h1>
      {notice ? (
        <div
          class="notice"
          id="form-notice"
          role={focus ? 'alert' : 'status'}
          tabindex={-1}
          autofocus={focus}
        >
          <p>{noticeText(t, notice)}</p>
          <p>
            <a href={`tel:${site.clinic.phone}`}>{`${t.callUs} ${site.phoneDisplay}`}</a>
          </p>
        </div>
      ) : null}
      <p>{t.intro}</p>
      <p class="emergency-note">{t.emergency}</p>
      <p>{t.privacy}</p>
      <form
        method="post"
        action={props.path}
        novalidate
        data-request-form
        data-challenge={props.challenge ?? undefined}
        data-summary-title={t.summaryTitle}
        data-error-prefix={t.errorPrefix}
        data-error-title-prefix={t.errorTitlePrefix}
        data-checking={t.notices.checking}
      >
        {errors.length > 0 ? (
          <div
            class="error-summary"
            id="error-summary"
            role="alert"
            tabindex={-1}
            autofocus={focus && !notice}
            aria-labelledby="error-summary-title"
          >
            <h2 id="error-summary-title">{t.summaryTitle}</h2>
            <ul>
              {errors.map(({ field, error }) => (
                <li>
                  <a href={`#${controlId(field)}`} data-for={field}>
                    {ruleMessage(locale, error)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <p class="muted">{t.requiredNote}</p>
        <input type="hidden" name={HIDDEN_FIELDS.token} value={props.token} />
        <input type="hidden" name={HIDDEN_FIELDS.idempotencyKey} value={props.idempotencyKey} />
        <input type="hidden" name={HIDDEN_FIELDS.pow} value={props.pow} />
        <div class="hp" aria-hidden="true">
          <label for="website">{t.honeypot}</label>
          <input
            id="website"
            name={HIDDEN_FIELDS.honeypot}
            type="text"
            tabindex={-1}
            autocomplete="off"
            value=""
          />
        </div>
        <RequestFields
          locale={locale}
          form={props.form}
          errors={props.errors}
          privacyPath={props.privacyPath}
        />
        <p>
          <button type="submit" class="button">
            {t.send}
          </button>
        </p>
        <p class="form-status" id="form-status" role="status"></p>
      </form>
    </Layout>
  );
}
