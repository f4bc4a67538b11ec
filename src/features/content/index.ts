// The public pages: loaded from content/<locale>/*.md, validated, rendered once at start.
export { CONTENT_DIR, ContentError, loadContent, REQUEST_PATH, SELF_CHECK_PATH } from './content-index.ts';
export type { ContentIndex, ContentPage, ContentVars } from './content-index.ts';
export type { FrontMatter, PageKey, Source } from './page.ts';
export { buildPublicSite, type PublicSite } from './public-site.tsx';
export { contentRoutes } from './routes.ts';
export { loadPublicSite, SITE_CACHE_FILE, type LoadedSite } from './site-cache.ts';
export { ENGLISH_MAX_GRADE, isPlainEnough, measure, SPANISH_MIN_INFLESZ, type Readability } from './readability.ts';
export { clinicJsonLd, contactPageJsonLd, LANGUAGE_TAG, serializeJsonLd } from './json-ld.ts';
