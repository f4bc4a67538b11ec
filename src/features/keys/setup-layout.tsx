import type { Child } from 'hono/jsx';
import type { Site } from '../../ui/site.ts';

/**
 * A bare frame for the staff set-up pages: no public navigation, never indexed. The page URL
 * holds the set-up token, so Referer carries only our origin ("strict-origin"); "no-referrer"
 * would also make browsers send `Origin: null` on the form post, which the Origin check refuses.
 * Styles come from the site stylesheet only (CSP).
 */
export function SetupLayout(props: { site: Site; title: string; children: Child }) {
  const { site } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="strict-origin" />
        <title>{`${props.title} | ${site.clinic.name} staff`}</title>
        <link rel="stylesheet" href={site.stylesheet} />
      </head>
      <body>
        <header class="site-header">
          <div class="wrap">
            <span class="brand">{`${site.clinic.name} · staff`}</span>
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
