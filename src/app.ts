import { Hono } from 'hono';
import { every } from 'hono/combine';
import type { Env } from './config/env.ts';
import type { Database } from './db/client.ts';
import {
  analyticsDashboardRoutes,
  buildPageDirectory,
  collectorRoutes,
  createAnalyticsIngest,
  createVisitFinder,
  statsApiRoutes,
  statsTokenRoutes,
  type AnalyticsIngest,
  type StatsApiPolicy,
} from './features/analytics/index.ts';
import {
  authRoutes,
  clientAddressOf,
  csrfProtection,
  requireRole,
  requireStaff,
  staffDatabaseUnavailable,
  staffHttpError,
  type SessionPolicy,
  type ThrottlePolicy,
} from './features/auth/index.ts';
import { inboxRoutes } from './features/inbox/index.ts';
import { staffRoutes } from './features/staff/index.ts';
import { contentRoutes, type PublicSite } from './features/content/index.ts';
import { healthRoutes } from './features/health/index.ts';
import { setupRoutes } from './features/keys/index.ts';
import { selfCheckRoutes } from './features/self-check/index.ts';
import { shortLinkRoutes } from './features/short-links/index.ts';
import { DEFAULT_INTAKE_POLICY, intakeRoutes, type IntakePolicy } from './features/intake/index.ts';
import { isLocale, negotiateLocale, type Locale } from './i18n/locales.ts';
import type { ClientAddress } from './http/client-address.ts';
import { clockOf } from './lib/clock.ts';
import { HttpError } from './lib/http-error.ts';
import type { Logger } from './lib/logger.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { limitBody, MAX_BODY_BYTES } from './http/body-limit.ts';
import { sendPrepared } from './http/prepared-response.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';

export type AppDeps = {
  env: Pick<Env, 'siteUrl'>;
  db: Database;
  logger: Logger;
  publicSite: PublicSite;
  /** The clock; tests pass their own. Defaults to the system clock. */
  now?: () => Date;
  /** The visitor's address (server.ts: clientAddressBehind(TRUSTED_PROXIES)). Defaults to the TCP peer. */
  clientAddress?: ClientAddress;
  /** The request form's abuse thresholds; defaults to DEFAULT_INTAKE_POLICY. */
  intakePolicy?: Partial<IntakePolicy>;
  /** The analytics collector's batch writer and counters; server.ts makes it, to flush it on shutdown. */
  analytics?: AnalyticsIngest;
  /** Staff session lifetimes (idle from SESSION_IDLE_MINUTES); defaults to DEFAULT_SESSION_POLICY. */
  session?: Partial<SessionPolicy>;
  /** Staff sign-in throttling; defaults to DEFAULT_THROTTLE_POLICY. */
  signinThrottle?: Partial<ThrottlePolicy>;
  /** Calls per stats-API token per minute; defaults to DEFAULT_STATS_API_POLICY. */
  statsApi?: StatsApiPolicy;
};

/** The language of an answer for a path: its /en/ or /es/ prefix, else the browser's preference. */
function localeFor(path: string, acceptLanguage: string | undefined): Locale {
  const prefix = path.split('/')[1] ?? '';
  return isLocale(prefix) ? prefix : negotiateLocale(acceptLanguage);
}

/**
 * Builds the whole HTTP application from its dependencies; no I/O happens here.
 * @example const app = createApp(deps); const res = await app.request('/en/');
 */
export function createApp(deps: AppDeps): Hono {
  const { logger, publicSite } = deps;
  // The clock and the visitor's address, defaulted once for every feature.
  const now = clockOf(deps);
  const clientAddress = clientAddressOf(deps);
  const app = new Hono();
  const errorPage = (
    c: { req: { path: string; header(n: string): string | undefined } },
    kind: 'notFound' | 'error' | 'tooLarge',
  ) => publicSite.errorPage(localeFor(c.req.path, c.req.header('accept-language')), kind);

  const analytics = deps.analytics ?? createAnalyticsIngest({ db: deps.db, logger, now });
  const timeZone = publicSite.site.clinic.timeZone;
  app.use(requestLog(logger));
  app.use(securityHeaders(deps.env.siteUrl));
  // The analytics collector bounds its own bodies (2 KB) and mounts before the app-wide limit:
  // that one reads c.req.raw.body, which makes @hono/node-server build a whole Web Request for
  // every event, a fifth of an event's cost.
  app.route(
    '/',
    collectorRoutes({
      ingest: analytics,
      siteUrl: deps.env.siteUrl,
      timeZone,
      pages: buildPageDirectory(publicSite.content),
      clientAddress,
    }),
  );
  app.use(limitBody(MAX_BODY_BYTES, (c) => sendPrepared(c, errorPage(c, 'tooLarge'))));

  app.route('/', healthRoutes({ db: deps.db, logger, now }));
  // The staff area: CSRF (Origin + token) on every state change and no caching, then sign-in,
  // sessions and accounts. Feature routes behind requireStaff(deps) mount after these.
  const staffDeps = { ...deps, now, clientAddress };
  app.use('/staff/*', csrfProtection(staffDeps));
  app.route('/staff', authRoutes(staffDeps));
  app.route('/staff', staffRoutes(staffDeps));
  // '/staff/' (not '/staff'): a sub-app's '/' under '/staff' would only answer '/staff', and the
  // inbox's address is /staff/.
  // Marketing has no inbox: its home in the staff area is the analytics dashboard.
  app.get('/staff/', requireStaff(staffDeps), (c, next) =>
    c.get('staff')?.role === 'marketing' ? c.redirect('/staff/analytics', 303) : next(),
  );
  app.route('/staff/', inboxRoutes(staffDeps));
  // Analytics: admin and marketing only; it shows counts, never patient data.
  app.route(
    '/',
    analyticsDashboardRoutes(
      {
        db: deps.db,
        timeZone: publicSite.site.clinic.timeZone,
        site: publicSite.site,
        now,
      },
      every(requireStaff(staffDeps), requireRole('admin', 'marketing')),
      // The page's "right now" poll is no sign of a person at work: it leaves the idle timer be.
      every(requireStaff(staffDeps, { restartIdleTimer: false }), requireRole('admin', 'marketing')),
    ),
  );
  // Stats-API tokens: admins only (a token reads what marketing reads, and lasts until revoked).
  app.route(
    '/',
    statsTokenRoutes(
      { db: deps.db, site: publicSite.site, siteUrl: deps.env.siteUrl, now, clientAddress },
      every(requireStaff(staffDeps), requireRole('admin')),
    ),
  );
  // The read-only stats API: a bearer token instead of a session, no cookies, no CSRF.
  app.route('/', statsApiRoutes({ db: deps.db, logger, timeZone, now, policy: deps.statsApi }));
  app.route('/', setupRoutes({ db: deps.db, siteUrl: deps.env.siteUrl, site: publicSite.site, now }));
  app.route(
    '/',
    intakeRoutes({
      db: deps.db,
      logger,
      publicSite,
      now,
      clientAddress,
      policy: { ...DEFAULT_INTAKE_POLICY, ...deps.intakePolicy },
      findVisit: createVisitFinder({ db: deps.db, ingest: analytics, siteUrl: deps.env.siteUrl, timeZone }),
    }),
  );
  app.route('/', selfCheckRoutes({ db: deps.db, logger, publicSite, now, clientAddress }));
  // Offline campaigns' short links ("/radio"): a redirect to a page with the campaign's UTM values.
  app.route('/', shortLinkRoutes(publicSite.site.clinic.shortLinks));
  app.route('/', contentRoutes(publicSite));

  app.notFound((c) => sendPrepared(c, errorPage(c, 'notFound')));
  app.onError((error, c) => {
    if (error instanceof HttpError && error.status === 404) return sendPrepared(c, errorPage(c, 'notFound'));
    if (error instanceof HttpError && c.req.path.startsWith('/staff/'))
      return staffHttpError(c, error, publicSite.site);
    if (c.req.path.startsWith('/staff') && isDatabaseUnavailable(error)) {
      logger.warn(
        { err: { type: error.name, code: (error as { code?: unknown }).code } },
        'staff page: database unavailable',
      );
      return staffDatabaseUnavailable(c, publicSite.site);
    }
    // Log what failed and where, never its message text: it could echo what a patient typed.
    logger.error(
      { err: { type: error.name, code: (error as { code?: unknown }).code, stack: stackFrames(error) } },
      'unhandled error',
    );
    return sendPrepared(c, errorPage(c, 'error'));
  });
  return app;
}

function stackFrames(error: Error): string | undefined {
  return error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
