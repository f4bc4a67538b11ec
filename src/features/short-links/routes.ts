import { Hono } from 'hono';

/**
 * Answers each short link of the clinic config with a 302 to its target (checked at start:
 * local paths only). The redirect is `no-store`: a shared cache must not keep it, so changing a
 * target in the config takes effect at the next start.
 * @example app.route('/', shortLinkRoutes({ '/radio': '/es/?utm_source=radio' }))
 */
export function shortLinkRoutes(links: Readonly<Record<string, string>>): Hono {
  const app = new Hono();
  for (const [path, target] of Object.entries(links)) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.redirect(target, 302);
    });
  }
  return app;
}
