/**
 * Where a visitor came from, as non-identifying metadata stored in clear with a request: the page
 * of our own site that linked to the form, and the utm_campaign of the visit. Both are checked
 * against narrow patterns, so nothing a person typed can ride along.
 */
export type Visit = { source: string | null; campaign: string | null };

const CAMPAIGN = /^[A-Za-z0-9_.-]{1,60}$/;

function parseUrl(value: string | undefined): URL | null {
  if (!value || value.length > 2000 || !URL.canParse(value)) return null;
  return new URL(value);
}

/**
 * @param referer the Referer header of the form's GET
 * @param url the URL of the form's GET (its query may carry utm_campaign)
 * @param origins our own origins (the canonical one and the one this request came to)
 * @param isPage whether a path is one of our public pages
 * @example visitFrom({ referer: 'https://clinic.example/en/faq', url: 'https://clinic.example/en/request?utm_campaign=spring', origins: ['https://clinic.example'], isPage: () => true })
 *   // { source: '/en/faq', campaign: 'spring' }
 */
export function visitFrom(input: {
  referer: string | undefined;
  url: string;
  origins: string[];
  isPage: (path: string) => boolean;
}): Visit {
  const referer = parseUrl(input.referer);
  const own = referer && input.origins.includes(referer.origin) ? referer : null;
  const source = own && input.isPage(own.pathname) ? own.pathname : null;
  const campaigns = [
    parseUrl(input.url)?.searchParams.get('utm_campaign'),
    own?.searchParams.get('utm_campaign'),
  ];
  const campaign = campaigns.find((c): c is string => typeof c === 'string' && CAMPAIGN.test(c)) ?? null;
  return { source, campaign };
}
