/** The campaign parameters kept from a page's query string; every other parameter is dropped. */
export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export type Utm = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
};

const MAX_UTM = 100;
const MAX_PATH = 300;

const NO_UTM: Utm = { source: null, medium: null, campaign: null, term: null, content: null };
/** A plain path (most events): nothing to parse. */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/]*$/;

/**
 * Splits the tracker's `u` into the path and the UTM values, dropping any other parameter and
 * the fragment. All five UTM values are trimmed, whitespace-collapsed, lower-cased and cut to 100
 * characters: links are typed by hand on many tools, and "Google" and "google " are one source,
 * "Spring_Ad" and "spring_ad" one campaign.
 * @returns null when `u` is not a path on this site ("//evil.example/x" is not)
 * @example normalizePageUrl('/en/faq?utm_source=News&x=1') // { path: '/en/faq', utm: { source: 'news', … } }
 */
export function normalizePageUrl(u: string): { path: string; utm: Utm } | null {
  if (PLAIN_PATH.test(u)) return u.length <= MAX_PATH ? { path: u, utm: NO_UTM } : null;
  if (!u.startsWith('/') || u.startsWith('//') || u.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(u, 'http://site.invalid');
  } catch {
    return null;
  }
  if (url.host !== 'site.invalid' || url.pathname.length > MAX_PATH) return null;
  const value = (key: (typeof UTM_KEYS)[number]) => cleanText(url.searchParams.get(key));
  return {
    path: url.pathname,
    utm: {
      source: value('utm_source'),
      medium: value('utm_medium'),
      campaign: value('utm_campaign'),
      term: value('utm_term'),
      content: value('utm_content'),
    },
  };
}

function cleanText(raw: string | null): string | null {
  // Control characters would break a CSV line or a terminal; they never belong in a campaign name.
  const text = raw
    // eslint-disable-next-line no-control-regex
    ?.replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? [...text.toLowerCase()].slice(0, MAX_UTM).join('') : null;
}

/**
 * Reduces a referrer to its host, without "www.", and only when it is another site: a visit from
 * one of our own pages (`ownHosts`) is not a referral.
 * @example normalizeReferrer('https://www.Google.com/search?q=x', ['clinic.test']) // 'google.com'
 */
export function normalizeReferrer(referrer: string | undefined, ownHosts: string[]): string | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (!host || ownHosts.includes(host)) return null;
  return host.replace(/^www\./, '').slice(0, 253);
}
