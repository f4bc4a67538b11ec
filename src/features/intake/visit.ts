/**
 * The page of our own site that linked to the form, as non-identifying metadata stored in clear
 * with a request; only a path that is one of our pages, so nothing a person typed can ride along.
 * (The campaign is the visit's, found from analytics when the form is sent: receive-post.ts.)
 */
export type Visit = { source: string | null };

function parseUrl(value: string | undefined): URL | null {
  if (!value || value.length > 2000 || !URL.canParse(value)) return null;
  return new URL(value);
}

/**
 * @param referer the Referer header of the form's GET
 * @param origins our own origins (the canonical one and the one this request came to)
 * @param isPage whether a path is one of our public pages
 * @example visitFrom({ referer: 'https://clinic.example/en/faq', origins: ['https://clinic.example'], isPage: () => true })
 *   // { source: '/en/faq' }
 */
export function visitFrom(input: {
  referer: string | undefined;
  origins: string[];
  isPage: (path: string) => boolean;
}): Visit {
  const referer = parseUrl(input.referer);
  const own = referer && input.origins.includes(referer.origin) ? referer : null;
  const source = own && input.isPage(own.pathname) ? own.pathname : null;
  return { source };
}
