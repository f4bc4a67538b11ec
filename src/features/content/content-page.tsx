import { raw } from 'hono/html';
import { formatDate, formatOpeningHours, strings } from '../../i18n/strings.ts';
import { Layout } from '../../ui/layout.tsx';
import type { Site } from '../../ui/site.ts';
import { ClinicBlockView } from './clinic-blocks.tsx';
import { BLOCK_MARKER, type ContentIndex, type ContentPage as Page } from './content-index.ts';
import { pageJsonLd, serializeJsonLd } from './json-ld.ts';
import type { ClinicBlock, Source } from './page.ts';

/** After the title: ". Publication, year." (the year once), or "." alone. */
export function citationTail(s: Source): string {
  const year = s.year && !s.publication?.includes(String(s.year)) ? String(s.year) : '';
  const text = [s.publication ?? '', year].filter(Boolean).join(', ');
  return text ? `. ${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '.';
}

type Props = {
  site: Site;
  content: ContentIndex;
  page: Page;
  /** Deferred first-party scripts (the analytics tracker). */
  scripts?: string[];
};

/** One education or policy page: its Markdown, review line, references, next step and call to action. */
export function ContentPage({ site, content, page, scripts }: Props) {
  const { locale, meta } = page;
  const t = strings(locale);
  const reviewer = `${site.clinic.medicalReviewer.name}, ${site.clinic.medicalReviewer.credentials}`;
  const twin = content.get(locale === 'en' ? 'es' : 'en', page.key);
  const next = meta.next === 'request' ? null : content.get(locale, meta.next);
  return (
    <Layout
      site={site}
      locale={locale}
      title={meta.title}
      description={meta.description}
      path={page.path}
      twin={twin.path}
      jsonLd={serializeJsonLd(pageJsonLd(page, site.clinic, site.siteUrl, {
          logo: site.logo.src,
          physicianPhotos: site.physicianPhotos.map((p) => p.src),
        }))}
      scripts={scripts}
    >
      <article>
        <h1>{meta.heading}</h1>
        {meta.slug === '' ? (
          // On the home page, when the clinic is open and how to reach it come before the reading.
          <p class="visit">
            <strong>{`${t.hours}: `}</strong>
            {site.clinic.hours.map((h) => formatOpeningHours(locale, h.days, h.opens, h.closes)).join('; ')}
            <br />
            <strong>{`${t.phone}: `}</strong>
            <a href={`tel:${site.clinic.phone}`}>{site.phoneDisplay}</a>
          </p>
        ) : null}
        <p class="meta">
          {t.reviewedBy(reviewer, formatDate(locale, meta.lastReviewed))}{' '}
          {t.lastUpdated(formatDate(locale, meta.lastUpdated))}
        </p>
        {/* The HTML split at its config blocks: odd parts name a block. */}
        {page.html
          .split(new RegExp(BLOCK_MARKER.source, 'g'))
          .map((part, i) =>
            i % 2 === 0 ? raw(part) : <ClinicBlockView name={part as ClinicBlock} site={site} locale={locale} />,
          )}
        {meta.sources.length > 0 ? (
          <section class="refs" aria-labelledby="references">
            <h2 id="references">{t.references}</h2>
            <ol>
              {meta.sources.map((s) => (
                <li>
                  {s.authors ? `${s.authors.replace(/\.$/, '')}. ` : ''}
                  {s.doi ? <a href={`https://doi.org/${s.doi}`}>{s.title}</a> : s.title}
                  {citationTail(s)}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </article>
      {next ? (
        <p class="next">
          {`${t.nextStep}: `}
          <a href={next.path}>
            {next.meta.nav}
            <span aria-hidden="true"> →</span>
          </a>
        </p>
      ) : null}
      <section class="cta" aria-labelledby="cta-title">
        <h2 id="cta-title">{t.ctaTitle}</h2>
        <p>{t.ctaText}</p>
        <a class="button" href={content.pathOf(locale, 'request')}>
          {t.requestInfo}
        </a>
        <a class="button secondary" href={`tel:${site.clinic.phone}`}>
          {`${t.callUs} ${site.phoneDisplay}`}
        </a>
      </section>
    </Layout>
  );
}
