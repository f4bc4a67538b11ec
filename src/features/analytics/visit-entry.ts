import type { Database } from '../../db/client.ts';
import type { AnalyticsIngest } from './ingest.ts';
import { findVisitEntry } from './queries/visit-events.ts';
import { localDay, visitorId } from './visitor-id.ts';

/** A visit ends after this long without an event (as in Plausible and Google Analytics). */
export const VISIT_GAP_MINUTES = 30;
const VISIT_GAP_MS = VISIT_GAP_MINUTES * 60_000;

/** Where a visit began: its landing page and the five UTM values of its first event. */
export type VisitEntry = {
  landingPage: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
};

/** Who is asking, as the collector sees a browser: its address and user agent, and when. */
export type VisitorAt = { address: string; userAgent: string; now: Date };

export type VisitFinderDeps = {
  db: Database;
  ingest: AnalyticsIngest;
  /** SITE_URL: part of the visitor hash, as in the collector. */
  siteUrl: string;
  timeZone: string;
};

/**
 * Finds the visit a browser is in right now by the collector's own means (the day's salted hash
 * of address and user agent; no cookie), for a request to record where its visit began. The
 * visitor's events still waiting in this process's batch are written first. Null when analytics saw no such
 * visit (tracking refused, script blocked, the visit over); it reads analytics only.
 */
export function createVisitFinder(deps: VisitFinderDeps): (visitor: VisitorAt) => Promise<VisitEntry | null> {
  const { db, ingest, siteUrl, timeZone } = deps;
  return async ({ address, userAgent, now }) => {
    const day = localDay(now, timeZone);
    const salt = await ingest.salts.saltFor(day);
    const id = visitorId({ salt, site: siteUrl, address, userAgent });
    // Only this visitor's waiting events matter: others' stay batched, off the post's path.
    if (ingest.writer.holds((e) => e.visitorId === id && e.day === day))
      await ingest.writer.flush().catch(() => undefined);
    const first = await findVisitEntry(db, day, id, now, VISIT_GAP_MS);
    if (!first) return null;
    return {
      landingPage: first.path,
      utmSource: first.utm_source,
      utmMedium: first.utm_medium,
      utmCampaign: first.utm_campaign,
      utmTerm: first.utm_term,
      utmContent: first.utm_content,
    };
  };
}
