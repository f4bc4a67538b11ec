import { formatPhone, type Clinic } from '../../config/clinic.ts';
import { buildAssets, type Assets } from '../../assets/build.ts';
import { readClinicImages, type ImageFile } from '../../assets/images.ts';
import { brandPalette } from '../../config/brand-colour.ts';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { CACHE_REVALIDATE, prepare, type PreparedResponse } from '../../http/prepared-response.ts';
import { ErrorPage, type ErrorKind } from '../../ui/error-page.tsx';
import { renderDocument } from '../../ui/layout.tsx';
import type { Site, SiteImage } from '../../ui/site.ts';
import {
  CONTENT_DIR,
  loadContent,
  REQUEST_PATH,
  SELF_CHECK_PATH,
  type ContentIndex,
  type ContentVars,
} from './content-index.ts';
import { ContentPage } from './content-page.tsx';
import { buildRobots, buildSitemap } from './sitemap.ts';

/** Everything public that does not change while the server runs, rendered and compressed once. */
export type PublicSite = {
  site: Site;
  content: ContentIndex;
  assets: Assets;
  /** URL path → prepared response: every content page, the sitemap, robots.txt and the assets. */
  responses: Map<string, PreparedResponse>;
  errorPage(locale: Locale, kind: ErrorKind): PreparedResponse;
};

const HTML = 'text/html; charset=utf-8';

/** The error pages prepared for each locale, and their statuses. */
export const ERROR_STATUS = { notFound: 404, error: 500, tooLarge: 413 } as const satisfies Record<ErrorKind, number>;

/** The placeholders content may use, from the clinic config. */
export function contentVars(clinic: Clinic): ContentVars {
  return { clinicName: clinic.name, phoneDisplay: formatPhone(clinic.phone), phoneE164: clinic.phone };
}

export async function buildPublicSite(options: {
  clinic: Clinic;
  siteUrl: string;
  contentDir?: string;
}): Promise<PublicSite> {
  const { clinic, siteUrl } = options;
  const vars = contentVars(clinic);
  const content = loadContent(vars, options.contentDir ?? CONTENT_DIR);
  const images = readClinicImages(clinic);
  const palette = brandPalette(clinic.brandColor);
  const assets = await buildAssets({
    ...(palette.ok ? { brand: palette.palette } : {}),
    images: [images.logo, ...images.photos.flatMap((p) => (p.fallback ? [p.photo, p.fallback] : [p.photo]))],
  });
  const siteImage = (image: ImageFile, fallback?: ImageFile): SiteImage => ({
    src: assets.url(image.name),
    width: image.width,
    height: image.height,
    type: image.contentType,
    ...(fallback ? { fallback: { src: assets.url(fallback.name), type: fallback.contentType } } : {}),
  });
  const perLocale = <T,>(fn: (locale: Locale) => T) =>
    Object.fromEntries(LOCALES.map((l) => [l, fn(l)])) as Record<Locale, T>;
  const site: Site = {
    siteUrl,
    clinic,
    phoneDisplay: vars.phoneDisplay,
    logo: siteImage(images.logo),
    physicianPhotos: images.photos.map((p) => siteImage(p.photo, p.fallback)),
    stylesheet: assets.url('site.css'),
    staffStylesheet: assets.url('staff.css'),
    analyticsNowScript: assets.url('analytics-now.js'),
    // The menus come from each page's front matter (menu, menuOrder).
    nav: perLocale((l) => content.menu(l, 'main').map((p) => ({ label: p.meta.nav, href: p.path }))),
    clinicNav: perLocale((l) => content.menu(l, 'clinic').map((p) => ({ label: p.meta.nav, href: p.path }))),
    policies: perLocale((l) => content.menu(l, 'footer').map((p) => ({ label: p.meta.nav, href: p.path }))),
    home: perLocale((l) => content.home(l).path),
    request: perLocale((l) => content.pathOf(l, 'request')),
  };

  const responses = new Map<string, PreparedResponse>(assets.files);
  // The analytics tracker, on every public page (src/features/analytics/tracker).
  const scripts = [assets.url('analytics.js')];
  for (const page of content.pages) {
    const html = await renderDocument(<ContentPage site={site} content={content} page={page} scripts={scripts} />);
    responses.set(page.path, prepare(html, HTML, CACHE_REVALIDATE));
  }
  // The request form and the self-check are not content pages; they are listed as twins all the same.
  const formPages = [
    { en: REQUEST_PATH.en, es: REQUEST_PATH.es },
    { en: SELF_CHECK_PATH.en, es: SELF_CHECK_PATH.es },
  ];
  responses.set(
    '/sitemap.xml',
    prepare(buildSitemap(content, siteUrl, formPages), 'application/xml; charset=utf-8', CACHE_REVALIDATE),
  );
  responses.set('/robots.txt', prepare(buildRobots(siteUrl), 'text/plain; charset=utf-8', CACHE_REVALIDATE));

  const errors = new Map<string, PreparedResponse>();
  for (const locale of LOCALES) {
    for (const kind of Object.keys(ERROR_STATUS) as ErrorKind[]) {
      const html = await renderDocument(<ErrorPage site={site} locale={locale} kind={kind} scripts={scripts} />);
      errors.set(`${locale}:${kind}`, prepare(html, HTML, 'no-store', ERROR_STATUS[kind]));
    }
  }
  return {
    site,
    content,
    assets,
    responses,
    errorPage: (locale, kind) => errors.get(`${locale}:${kind}`) as PreparedResponse,
  };
}
