import type { AnalyticsEvent } from '../../src/features/analytics/event.ts';

/**
 * A stored page view as the collector makes one, from a desktop Chrome, no referrer, no UTM
 * values: give when, which day and visitor, and whatever else the test is about.
 * @example pageviewEvent({ occurredAt, day: '2026-03-02', visitorId: id, utmCampaign: 'spring' })
 */
export function pageviewEvent(
  event: Pick<AnalyticsEvent, 'occurredAt' | 'day' | 'visitorId'> & Partial<AnalyticsEvent>,
): AnalyticsEvent {
  return {
    name: 'pageview',
    path: '/en/',
    pageKind: 'home',
    locale: 'en',
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    browser: 'Chrome',
    os: 'Linux',
    device: 'desktop',
    fields: null,
    ...event,
  };
}
