import { Hono } from 'hono';
import { negotiateLocale } from '../../i18n/locales.ts';
import { sendPrepared } from '../../http/prepared-response.ts';
import type { PublicSite } from './public-site.tsx';

/** The public, read-only site: pages, assets, sitemap, robots.txt. All answers were prepared at start. */
export function contentRoutes(publicSite: PublicSite): Hono {
  const app = new Hono();

  // "/" picks the language the browser asks for; the answer depends on that header.
  app.get('/', (c) => {
    const locale = negotiateLocale(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'private, max-age=0');
    return c.redirect(publicSite.site.home[locale], 302);
  });

  app.get('*', (c, next) => {
    const path = c.req.path;
    const prepared = publicSite.responses.get(path);
    if (prepared) return sendPrepared(c, prepared);
    // One canonical form per page: "/en" → "/en/", "/en/faq/" → "/en/faq".
    const alternative = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
    if (publicSite.responses.has(alternative) && !alternative.startsWith('/assets/')) {
      return c.redirect(alternative, 301);
    }
    return next();
  });

  return app;
}
