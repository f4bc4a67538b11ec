/**
 * Short links for offline campaigns: a radio spot says "clinic.example/radio", and the server
 * sends the listener on to a page whose address carries the campaign's UTM values, which the
 * analytics collector reads as from any other link. Pure: what a short link and its target may be.
 */

/** First path segments the site itself answers: a short link must never hide one of them. */
const RESERVED = ['en', 'es', 'staff', 'api', 'assets', 'healthz', 'readyz', 'sitemap.xml', 'robots.txt'];

/** "/radio", "/tv-spring": one lowercase segment of letters, digits and dashes. */
const SHORT_PATH = /^\/[a-z0-9][a-z0-9-]{0,39}$/;

/** An origin nothing can be: a target that resolves away from it leaves the site. */
const PROBE = 'http://clinic-site.invalid';

/**
 * What is wrong with one entry of `shortLinks`, or null when it is fine. The target must stay on
 * this site (a path, never another host: no open redirect) and must not be a short link itself.
 * @example shortLinkProblem('/radio', '/es/?utm_source=radio', ['/radio']) // null
 */
export function shortLinkProblem(path: string, target: string, shortPaths: readonly string[]): string | null {
  if (!SHORT_PATH.test(path))
    return 'a short link is one lowercase word of letters, digits and dashes after "/", like "/radio"';
  if (RESERVED.includes(path.slice(1)))
    return `"${path}" is a path the site already answers; choose another, like "/radio"`;
  const example = 'like "/es/?utm_source=radio&utm_medium=audio&utm_campaign=spring"';
  // "//host", "/\host" and control characters are read by browsers as other hosts or stripped.
  if (!target.startsWith('/') || /^\/[/\\]/.test(target) || /[\\\p{Cc}\s]/u.test(target))
    return `the target must be a path on this site starting with "/", ${example}`;
  if (!URL.canParse(target, PROBE) || new URL(target, PROBE).origin !== PROBE)
    return `the target must stay on this site, ${example}`;
  if (shortPaths.includes(new URL(target, PROBE).pathname))
    return 'the target is a short link itself; point it at the page, ' + example;
  return null;
}
