import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';

/** What we keep of a user agent: three coarse families, never the string itself. */
export type ReducedAgent = { browser: string; os: string; device: 'desktop' | 'phone' | 'tablet' | 'other' };

const BROWSERS: Record<string, string> = {
  Chrome: 'Chrome',
  'Mobile Chrome': 'Chrome',
  'Chrome WebView': 'Chrome',
  Chromium: 'Chrome',
  Safari: 'Safari',
  'Mobile Safari': 'Safari',
  Firefox: 'Firefox',
  'Mobile Firefox': 'Firefox',
  Edge: 'Edge',
  'Samsung Internet': 'Samsung Internet',
  Opera: 'Opera',
  'Opera Mobi': 'Opera',
};
const SYSTEMS: Record<string, string> = {
  Windows: 'Windows',
  'Mac OS': 'macOS',
  macOS: 'macOS',
  iOS: 'iOS',
  Android: 'Android',
  Linux: 'Linux',
  Ubuntu: 'Linux',
  Debian: 'Linux',
  Fedora: 'Linux',
  'Chromium OS': 'ChromeOS',
};
const DEVICES: Record<string, ReducedAgent['device']> = { mobile: 'phone', tablet: 'tablet' };

/**
 * Reduces a user agent to browser family, OS family and device class with ua-parser-js 1.x
 * (MIT). Rare families become "Other", so the three together cannot single anyone out.
 * @example reduceUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) … Safari/604.1') // { browser: 'Safari', os: 'iOS', device: 'phone' }
 */
export function reduceUserAgent(userAgent: string): ReducedAgent {
  const result = new UAParser(userAgent).getResult();
  const type = result.device.type;
  return {
    browser: BROWSERS[result.browser.name ?? ''] ?? 'Other',
    os: SYSTEMS[result.os.name ?? ''] ?? 'Other',
    device: type === undefined ? 'desktop' : (DEVICES[type] ?? 'other'),
  };
}

/** Crawlers and testing tools that isbot lets through (speed tests, site auditors, prerenderers). */
const KNOWN_CRAWLERS =
  /lighthouse|pagespeed|speed insights|ptst\/|gtmetrix|prerender|siteimprove|screaming frog|headless/i;

/**
 * True for robots: an empty agent, anything isbot knows (a maintained list of crawlers, HTTP
 * libraries and monitors), and the few known crawlers it does not.
 */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.length < 10) return true;
  return isbot(userAgent) || KNOWN_CRAWLERS.test(userAgent);
}

/**
 * Remembers the verdict for recent user agents: real traffic repeats a few hundred strings, and
 * parsing one costs far more than the rest of an event. Bounded, oldest out first.
 */
export function createAgentCache(limit = 2000): (userAgent: string) => ReducedAgent | null {
  const cache = new Map<string, ReducedAgent | null>();
  return (userAgent) => {
    const hit = cache.get(userAgent);
    if (hit !== undefined) return hit;
    const verdict = isBotUserAgent(userAgent) ? null : reduceUserAgent(userAgent);
    if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    cache.set(userAgent, verdict);
    return verdict;
  };
}
