import type { Clinic } from '../../config/clinic.ts';
import type { Locale } from '../../i18n/locales.ts';
import { strings } from '../../i18n/strings.ts';
import { blockMarker, type ContentPage } from './content-index.ts';

/** BCP 47 tags for inLanguage and Open Graph: the site speaks US English and US Spanish. */
export const LANGUAGE_TAG: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/** Image URLs (paths under /assets/) for structured data; absent where a caller has none. */
export type JsonLdImages = { logo: string; physicianPhotos: string[] };

export function clinicJsonLd(clinic: Clinic, siteUrl: string, images?: JsonLdImages) {
  return {
    '@type': 'MedicalClinic',
    '@id': `${siteUrl}/#clinic`,
    name: clinic.name,
    url: `${siteUrl}/`,
    ...(images ? { logo: `${siteUrl}${images.logo}` } : {}),
    telephone: clinic.phone,
    // ISO 639-1 codes, as schema.org's availableLanguage takes them.
    availableLanguage: clinic.staffLanguages,
    ...(clinic.physicians.length > 0
      ? { employee: clinic.physicians.map((_p, i) => ({ '@id': `${siteUrl}/#physician-${i + 1}` })) }
      : {}),
    address: {
      '@type': 'PostalAddress',
      streetAddress: clinic.address.street,
      addressLocality: clinic.address.city,
      addressRegion: clinic.address.region,
      postalCode: clinic.address.postalCode,
      addressCountry: clinic.address.country,
    },
    openingHoursSpecification: clinic.hours.map((h) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: h.days.map((d) => `https://schema.org/${d}`),
      opens: h.opens,
      closes: h.closes,
    })),
    availableService: { '@id': `${siteUrl}/#neuroplasty` },
  };
}

/**
 * The clinic's physicians, on the page that presents them. IndividualPhysician is schema.org's
 * Physician for one person (Physician alone also means a doctor's office).
 */
function physiciansJsonLd(clinic: Clinic, locale: Locale, siteUrl: string, images?: JsonLdImages): object[] {
  return clinic.physicians.map((p, i) => ({
    '@type': ['Physician', 'IndividualPhysician'],
    '@id': `${siteUrl}/#physician-${i + 1}`,
    name: `${p.name}, ${p.credentials}`,
    description: p.bio[locale],
    ...(images?.physicianPhotos[i] ? { image: `${siteUrl}${images.physicianPhotos[i]}` } : {}),
    hasCredential: { '@type': 'EducationalOccupationalCredential', name: p.boardCertification[locale] },
    practicesAt: { '@id': `${siteUrl}/#clinic` },
    memberOf: { '@id': `${siteUrl}/#clinic` },
  }));
}

function procedureJsonLd(locale: Locale, siteUrl: string) {
  const t = strings(locale);
  return {
    '@type': 'MedicalProcedure',
    '@id': `${siteUrl}/#neuroplasty`,
    name: t.procedureName,
    alternateName: t.procedureAlternateNames,
    procedureType: 'https://schema.org/PercutaneousProcedure',
    bodyLocation: t.procedureLocation,
  };
}

/** Education pages are about the procedure (described in full where the page describes it); policies, the clinic. */
function aboutOf(page: ContentPage, siteUrl: string): object {
  if (page.meta.kind === 'policy') return { '@id': `${siteUrl}/#clinic` };
  if (page.meta.procedure) return { '@id': `${siteUrl}/#neuroplasty` };
  return { '@type': 'MedicalProcedure', name: strings(page.locale).procedureName };
}

/**
 * Structured data for a content page: the clinic, the page as a MedicalWebPage (also an
 * FAQPage on the FAQ), and the procedure where the page describes it.
 */
export function pageJsonLd(page: ContentPage, clinic: Clinic, siteUrl: string, images?: JsonLdImages): object {
  const url = `${siteUrl}${page.path}`;
  const reviewer = clinic.medicalReviewer;
  const webPage: Record<string, unknown> = {
    '@type': page.meta.faq ? ['MedicalWebPage', 'FAQPage'] : 'MedicalWebPage',
    '@id': url,
    url,
    name: page.meta.title,
    description: page.meta.description,
    inLanguage: LANGUAGE_TAG[page.locale],
    lastReviewed: page.meta.lastReviewed,
    dateModified: page.meta.lastUpdated,
    reviewedBy: { '@type': 'Person', name: reviewer.name, honorificSuffix: reviewer.credentials },
    about: aboutOf(page, siteUrl),
    publisher: { '@id': `${siteUrl}/#clinic` },
    citation: page.meta.sources.map((s) => ({
      '@type': 'CreativeWork',
      name: s.title,
      ...(s.authors ? { author: s.authors } : {}),
      ...(s.year ? { datePublished: String(s.year) } : {}),
      ...(s.doi ? { url: `https://doi.org/${s.doi}` } : {}),
    })),
  };
  if (page.meta.faq) {
    webPage.mainEntity = page.faq.map((qa) => ({
      '@type': 'Question',
      name: qa.question,
      acceptedAnswer: { '@type': 'Answer', text: qa.answer },
    }));
  }
  const graph: object[] = [clinicJsonLd(clinic, siteUrl, images), webPage];
  if (page.meta.procedure) graph.push(procedureJsonLd(page.locale, siteUrl));
  if (page.html.includes(blockMarker('physicians'))) graph.push(...physiciansJsonLd(clinic, page.locale, siteUrl, images));
  return { '@context': 'https://schema.org', '@graph': graph };
}

/**
 * Structured data for a page outside the content files: the clinic, and the page about it (a
 * ContactPage for the request form, a WebPage for the self-check).
 */
export function contactPageJsonLd(page: {
  type?: 'ContactPage' | 'WebPage';
  clinic: Clinic;
  siteUrl: string;
  path: string;
  locale: Locale;
  title: string;
  description: string;
}): object {
  const url = `${page.siteUrl}${page.path}`;
  const clinic = clinicJsonLd(page.clinic, page.siteUrl);
  return {
    '@context': 'https://schema.org',
    '@graph': [
      clinic,
      {
        '@type': page.type ?? 'ContactPage',
        '@id': url,
        url,
        name: page.title,
        description: page.description,
        inLanguage: LANGUAGE_TAG[page.locale],
        about: { '@id': clinic['@id'] },
        publisher: { '@id': clinic['@id'] },
      },
    ],
  };
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so text cannot end the block. */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
