/**
 * The dashboard's filters: each narrows every figure to the visits that match. Campaign values
 * compare as stored (lower-cased by normalize.ts), so a filter is lower-cased the same way.
 */
export const FILTER_KEYS = [
  'campaign',
  'source',
  'medium',
  'channel',
  'landing',
  'page',
  'language',
  'device',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const FILTER_LABELS: Record<FilterKey, string> = {
  campaign: 'Campaign',
  source: 'Source',
  medium: 'Medium',
  channel: 'Channel',
  landing: 'Landing page',
  page: 'Page',
  language: 'Language',
  device: 'Device',
};

const LOWER_CASED: readonly FilterKey[] = ['campaign', 'source', 'medium', 'channel', 'language', 'device'];
const MAX_FILTER = 300;

/**
 * Reads the filters from a query (or command-line options): known keys only, trimmed, empty ones
 * dropped, campaign values lower-cased as they are stored.
 * @example filtersFrom((k) => ({ campaign: ' Spring ' })[k]) // { campaign: 'spring' }
 */
export function filtersFrom(get: (key: FilterKey) => string | undefined): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const raw = get(key)?.replace(/\s+/g, ' ').trim();
    if (!raw) continue;
    const value = [...raw].slice(0, MAX_FILTER).join('');
    out[key] = LOWER_CASED.includes(key) ? value.toLowerCase() : value;
  }
  return out;
}

export const hasFilters = (filters: Filters) => FILTER_KEYS.some((k) => filters[k] !== undefined);

const CAMPAIGN_KEYS: readonly FilterKey[] = ['campaign', 'source', 'medium'];

/**
 * Whether the filters choose only campaign values (source, medium, campaign: one or more), which
 * the daily campaign rollups answer without reading every visit.
 * @example isCampaignFilter({ campaign: 'spring' }) // true; with device: 'phone' too, false
 */
export const isCampaignFilter = (filters: Filters) =>
  hasFilters(filters) && FILTER_KEYS.every((k) => filters[k] === undefined || CAMPAIGN_KEYS.includes(k));

// What a request records of the visit that sent it (decision 0007): its campaign values and its
// landing page, not the channel, pages, language or device.
const REQUEST_KEYS = ['campaign', 'source', 'medium', 'landing'] as const;

/**
 * The origin to count requests by, when every filter in force is one a request records; null
 * when one is not (the requests received can then only be the whole site's).
 * @example requestOriginOf({ campaign: 'spring' }) // { campaign: 'spring' }; with device: 'phone' too, null
 */
export function requestOriginOf(
  filters: Filters,
): Partial<Record<(typeof REQUEST_KEYS)[number], string>> | null {
  if (FILTER_KEYS.some((k) => filters[k] !== undefined && !(REQUEST_KEYS as readonly string[]).includes(k)))
    return null;
  return Object.fromEntries(REQUEST_KEYS.flatMap((k) => (filters[k] === undefined ? [] : [[k, filters[k]]])));
}

/** The filters as query parameters, in FILTER_KEYS' order (so a URL is one spelling). */
export function filterParams(filters: Filters): [FilterKey, string][] {
  return FILTER_KEYS.flatMap((k) =>
    filters[k] === undefined ? [] : [[k, filters[k]] as [FilterKey, string]],
  );
}
