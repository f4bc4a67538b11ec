import type { ReducedAgent } from './user-agent.ts';
import { normalizePageUrl, normalizeReferrer } from './normalize.ts';
import { describePage, type PageDirectory, type PageKind } from './page-directory.ts';
import type { EventName, EventPayload } from './payload.ts';

/** One row of analytics_events, as the batch writer inserts it. */
export type AnalyticsEvent = {
  occurredAt: Date;
  day: string;
  visitorId: string;
  name: EventName;
  path: string;
  pageKind: PageKind;
  locale: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  browser: string;
  os: string;
  device: ReducedAgent['device'];
  fields: string | null;
};

export type EventContext = {
  now: Date;
  day: string;
  visitorId: string;
  agent: ReducedAgent;
  pages: PageDirectory;
  /** Hosts of this site, whose referrals are internal navigation. */
  ownHosts: string[];
};

/**
 * Turns a valid payload into the row to store. Campaign and referrer belong to page views only;
 * field names to form errors only. Returns null when the page URL is not a path of this site.
 * @example buildEvent({ n: 'pageview', u: '/en/?utm_source=mail' }, context)?.utmSource // 'mail'
 */
export function buildEvent(payload: EventPayload, context: EventContext): AnalyticsEvent | null {
  const page = normalizePageUrl(payload.u);
  if (!page) return null;
  const info = describePage(context.pages, page.path);
  const isView = payload.n === 'pageview';
  const utm = isView ? page.utm : null;
  const fields = payload.n === 'form_error' && payload.f?.length ? [...new Set(payload.f)].join(',') : null;
  return {
    occurredAt: context.now,
    day: context.day,
    visitorId: context.visitorId,
    name: payload.n,
    path: info.path,
    pageKind: info.kind,
    locale: info.locale,
    referrer: isView ? normalizeReferrer(payload.r, context.ownHosts) : null,
    utmSource: utm?.source ?? null,
    utmMedium: utm?.medium ?? null,
    utmCampaign: utm?.campaign ?? null,
    utmTerm: utm?.term ?? null,
    utmContent: utm?.content ?? null,
    browser: context.agent.browser,
    os: context.agent.os,
    device: context.agent.device,
    fields,
  };
}
