import { Hono, type Context } from 'hono';
import type { Database } from '../../../db/client.ts';
import type { Logger } from '../../../lib/logger.ts';
// The request form's fixed-window counters in rate_limits, shared by every instance.
import { hitBuckets, pruneRateLimits } from '../../intake/rate-limit.ts';
import { FILTER_KEYS } from '../filters.ts';
import { readReportQuery, reportFor } from '../report-query.ts';
import { bearerToken, hashStatsToken } from './token.ts';
import { useStatsToken } from './tokens.ts';

export const STATS_PATH = '/api/stats';

/** Calls per token (or without one) per window, counted in rate_limits across instances. */
export type StatsApiPolicy = { windowMs: number; callsPerToken: number };
export const DEFAULT_STATS_API_POLICY: StatsApiPolicy = { windowMs: 60_000, callsPerToken: 60 };

export type StatsApiDeps = {
  db: Database;
  logger: Logger;
  timeZone: string;
  now: () => Date;
  policy?: StatsApiPolicy;
};

const PARAMETERS = ['from', 'to', ...FILTER_KEYS];

/**
 * GET /api/stats?from=&to=&…filters: the JSON of `clinic report --json` for a bearer token an
 * admin made on /staff/analytics/tokens. No cookies and never cached; errors are JSON too.
 * A refused token is logged (never the token) and counted like any call, not audited: the audit
 * trail records what staff do, and a stranger's guesses would only flood it.
 * @example app.route('/', statsApiRoutes({ db, logger, timeZone, now }));
 */
export function statsApiRoutes(deps: StatsApiDeps): Hono {
  const { db, logger, timeZone, now } = deps;
  const policy = deps.policy ?? DEFAULT_STATS_API_POLICY;
  const app = new Hono();
  const answer = (c: Context, status: 400 | 401 | 429, error: string) => {
    c.header('Cache-Control', 'no-store');
    if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="stats"');
    return c.json({ error }, status);
  };

  app.get(STATS_PATH, async (c) => {
    const at = now();
    const token = bearerToken(c.req.header('authorization'));
    // Each token has its own counter; every call without a usable token shares one.
    const bucket = `stats-api:${token ? Buffer.from(hashStatsToken(token)).toString('hex', 0, 16) : 'no-token'}`;
    const hits = (await hitBuckets(db, [bucket], at, policy.windowMs)).get(bucket) ?? 1;
    if (hits === 1) await pruneRateLimits(db, 'stats-api:', new Date(at.getTime() - 2 * policy.windowMs));
    if (hits > policy.callsPerToken) {
      c.header('Retry-After', String(Math.ceil(policy.windowMs / 1000)));
      return answer(c, 429, `Too many calls: at most ${policy.callsPerToken} a minute per token.`);
    }
    if (!token) {
      logger.warn({ reason: 'missing' }, 'stats api: call refused');
      return answer(c, 401, 'Send a stats token: Authorization: Bearer clinic_stats_…');
    }
    const used = await useStatsToken(db, token, at);
    if ('refused' in used) {
      logger.warn({ reason: used.refused, tokenId: used.id }, 'stats api: call refused');
      return answer(c, 401, 'This token does not work: it is unknown or was revoked.');
    }
    const params = new URL(c.req.url).searchParams;
    const unknown = [...params.keys()].find((name) => !PARAMETERS.includes(name));
    if (unknown)
      return answer(c, 400, `Unknown parameter "${unknown.slice(0, 40)}": use ${PARAMETERS.join(', ')}.`);
    const repeated = PARAMETERS.find((name) => params.getAll(name).length > 1);
    if (repeated) return answer(c, 400, `Give ${repeated} once.`);
    const query = readReportQuery(
      (name) => params.get(name) ?? undefined,
      (name, example) => `${name}=${example}`,
    );
    if ('error' in query) return answer(c, 400, query.error);
    c.header('Cache-Control', 'no-store');
    return c.json(await reportFor(db, query, timeZone));
  });
  return app;
}
