import { REQUEST_PATH, SELF_CHECK_PATH, type ContentIndex } from '../content/index.ts';
import { isLocale, LOCALES, type Locale } from '../../i18n/locales.ts';

export type PageKind = 'home' | 'education' | 'policy' | 'request' | 'other';
export type PageInfo = { path: string; kind: PageKind; locale: Locale | null };

/** What an unknown path is recorded as: it could hold something a visitor typed. */
export const OTHER_PATH = '(other)';

const FORM_PAGE = /^\/[a-z]{1,20}$/;

/** Known page paths → their kind; the funnel's steps are kinds ("education", "request"). */
export type PageDirectory = ReadonlyMap<string, PageKind>;

/**
 * Every public page's path and kind, from the content index, plus the request form in each
 * language (the form's own pages live under its path).
 */
export function buildPageDirectory(content: Pick<ContentIndex, 'pages'>): PageDirectory {
  const kinds = new Map<string, PageKind>();
  for (const page of content.pages) kinds.set(page.path, page.meta.slug === '' ? 'home' : page.meta.kind);
  for (const locale of LOCALES) kinds.set(REQUEST_PATH[locale], 'request');
  // The self-check helps a reader decide, like the education pages; its answers are never sent.
  for (const locale of LOCALES) kinds.set(SELF_CHECK_PATH[locale], 'education');
  return kinds;
}

/**
 * Classifies a visited path. A path that is not a page of the site (a mistyped address, a
 * 404) is kept only as "(other)", since anything typed into the address bar could be personal.
 * @example describePage(directory, '/es/preguntas-frecuentes') // { path: '/es/preguntas-frecuentes', kind: 'education', locale: 'es' }
 */
export function describePage(directory: PageDirectory, path: string): PageInfo {
  const prefix = path.split('/')[1] ?? '';
  const locale = isLocale(prefix) ? prefix : null;
  const kind = directory.get(path);
  if (kind) return { path, kind, locale };
  // The form's own pages (its thank-you page) are one plain word below it; anything else there
  // is counted as the form itself.
  const form = LOCALES.map((l) => REQUEST_PATH[l]).find((p) => path.startsWith(`${p}/`));
  if (form) return { path: FORM_PAGE.test(path.slice(form.length)) ? path : form, kind: 'request', locale };
  return { path: OTHER_PATH, kind: 'other', locale };
}
