import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { logQuietly } from '../../http/request-log.ts';
import { securedHeaders, securedResponse } from '../../http/security-headers.ts';
import { buildEvent } from './event.ts';
import type { AnalyticsIngest } from './ingest.ts';
import type { PageDirectory } from './page-directory.ts';
import { MAX_PAYLOAD_BYTES, parseEventPayload } from './payload.ts';
import { localDay, rateLimitBucket, visitorId } from './visitor-id.ts';

/** Where the tracker posts; the tracker's config names the same path. */
export const COLLECT_PATH = '/api/event';

export type CollectorDeps = {
  ingest: AnalyticsIngest;
  /** The canonical origin (SITE_URL): part of the visitor hash, and an accepted Origin. */
  siteUrl: string;
  timeZone: string;
  pages: PageDirectory;
  /** The visitor's address (app.ts decides how: the TCP peer, or a proxy's header). */
  clientAddress: (c: Context) => string;
};

const CONTENT_TYPES = ['text/plain', 'application/json'];

/** Same origin only: SITE_URL's, or the host this request came to (a preview or a proxy). */
function isOwnOrigin(origin: string | undefined, host: string | undefined, siteUrl: string): boolean {
  if (origin === siteUrl) return true;
  if (!origin || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return url.origin === siteUrl || (!!host && url.host === host.toLowerCase());
}

/**
 * POST /api/event: checks origin, size, type and rate, drops robots and opted-out browsers, then
 * hands a normalised event to the batch writer. Answers 202 with no body, or a 4xx; nothing is
 * logged about the payload and no cookie is set.
 */
export function collectorRoutes(deps: CollectorDeps): Hono {
  const { ingest, siteUrl, timeZone, pages, clientAddress } = deps;
  const ownHosts = [new URL(siteUrl).hostname];
  // An empty answer (no chunked encoding) that no cache keeps, never with a cookie; accepted events
  // are logged at debug.
  const headers = securedHeaders(siteUrl, { 'Cache-Control': 'no-store', 'Content-Length': '0' });
  const answer = (c: Context, status: 202 | 400 | 403 | 413 | 415 | 429 | 503) => {
    if (status === 202) logQuietly(c);
    return securedResponse(status, headers);
  };
  const limitStream = bodyLimit({ maxSize: MAX_PAYLOAD_BYTES, onError: (c) => answer(c, 413) });
  const app = new Hono();
  app.post(
    COLLECT_PATH,
    async (c, next) => {
      if (!isOwnOrigin(c.req.header('origin'), c.req.header('host'), siteUrl)) return answer(c, 403);
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!CONTENT_TYPES.includes(type)) return answer(c, 415);
      return next();
    },
    (c, next) => {
      // The usual case, a Content-Length, is checked from the header alone; a body without one
      // (chunked) is counted as it streams in by hono's bodyLimit.
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding')) return limitStream(c, next);
      return /^\d{1,9}$/.test(length) && Number(length) <= MAX_PAYLOAD_BYTES ? next() : answer(c, 413);
    },
    async (c) => {
      const userAgent = c.req.header('user-agent') ?? '';
      const agent = ingest.agentOf(userAgent);
      // Robots, and browsers that ask not to be tracked, are answered as if counted.
      if (!agent || c.req.header('sec-gpc') === '1' || c.req.header('dnt') === '1') return answer(c, 202);
      const now = ingest.now();
      const day = localDay(now, timeZone);
      // Without the day's salt (the database is unreachable) nothing can be counted.
      const salt = await ingest.salts.saltFor(day).catch(() => null);
      if (salt === null) return answer(c, 503);
      const address = clientAddress(c);
      // Counted by address in memory; only a busy address is written, under a salted hash.
      if (!ingest.limiter.hit(address, now, () => rateLimitBucket(salt, address))) return answer(c, 429);
      const text = await c.req.text().catch(() => null);
      if (text === null) return answer(c, 400);
      const parsed = parseEventPayload(text);
      if (!parsed.ok) return answer(c, parsed.status);
      const id = visitorId({ salt, site: siteUrl, address, userAgent });
      const event = buildEvent(parsed.payload, { now, day, visitorId: id, agent, pages, ownHosts });
      if (!event) return answer(c, 400);
      return answer(c, ingest.writer.add(event) ? 202 : 503);
    },
  );
  return app;
}
