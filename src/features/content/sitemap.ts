import type { ContentIndex } from './content-index.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * /sitemap.xml: every public page, each with its hreflang alternates (itself included, as
 * search engines ask) and x-default pointing at the English page.
 * `extra` adds pages outside the content index (the request form), as pairs of twins.
 */
export function buildSitemap(
  content: ContentIndex,
  siteUrl: string,
  extra: { en: string; es: string; lastmod?: string }[] = [],
): string {
  const pairs = [
    ...content.pages
      .filter((p) => p.locale === 'en')
      .map((p) => ({ en: p.path, es: content.get('es', p.key).path, lastmod: p.meta.lastUpdated })),
    ...extra,
  ];
  const urls = pairs.flatMap((pair) =>
    (['en', 'es'] as const).map((locale) => {
      const links = [
        `<xhtml:link rel="alternate" hreflang="en" href="${escapeXml(siteUrl + pair.en)}"/>`,
        `<xhtml:link rel="alternate" hreflang="es" href="${escapeXml(siteUrl + pair.es)}"/>`,
        `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(siteUrl + pair.en)}"/>`,
      ];
      const lastmod = pair.lastmod ? `<lastmod>${pair.lastmod}</lastmod>` : '';
      return `<url><loc>${escapeXml(siteUrl + pair[locale])}</loc>${lastmod}${links.join('')}</url>`;
    }),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('\n') +
    '\n</urlset>\n'
  );
}

export function buildRobots(siteUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /staff/\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}
