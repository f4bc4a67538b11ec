import type { Locale } from '../i18n/locales.ts';
import { strings } from '../i18n/strings.ts';
import { Layout } from './layout.tsx';
import type { Site } from './site.ts';

export type ErrorKind = 'notFound' | 'error' | 'tooLarge';

const TEXT = {
  notFound: { title: 'notFoundTitle', text: 'notFoundText' },
  error: { title: 'errorTitle', text: 'errorText' },
  tooLarge: { title: 'tooLargeTitle', text: 'tooLargeText' },
} as const;

/** A friendly page for 404, 413 and 5xx answers, in the visitor's language, with a way forward. */
export function ErrorPage(props: { site: Site; locale: Locale; kind: ErrorKind; scripts?: string[] }) {
  const { site, locale, kind } = props;
  const t = strings(locale);
  const title = t[TEXT[kind].title];
  return (
    <Layout
      site={site}
      locale={locale}
      title={title}
      description={title}
      path={`/${locale}/`}
      noindex
      scripts={props.scripts}
    >
      <h1>{title}</h1>
      <p>{t[TEXT[kind].text]}</p>
      <ul>
        {site.nav[locale].map((item) => (
          <li>
            <a href={item.href}>{item.label}</a>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={`tel:${site.clinic.phone}`}>{`${t.callUs} ${site.phoneDisplay}`}</a>
      </p>
    </Layout>
  );
}
