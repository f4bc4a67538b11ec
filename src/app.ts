import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import type { Env } from './config/env.ts';
import type { Database } from './db/client.ts';
import { contentRoutes } from './features/content/routes.ts';
import type { PublicSite } from './features/content/public-site.tsx';
import { healthRoutes } from './features/health/routes.ts';
import { isLocale, negotiateLocale, type Locale } from './i18n/locales.ts';
import { HttpError } from './lib/http-error.ts';
import type { Logger } from './lib/logger.ts';
import { sendPrepared } from './lib/prepared-response.ts';
import { securityHeaders } from './lib/security-headers.ts';

export type AppDeps = {
  env: Pick<Env, 'siteUrl'>;
  db: Database;
  logger: Logger;
  publicSite: PublicSite;
};

/** Largest request body we read; a bigger one gets the friendly 413 page. */
export const MAX_BODY_BYTES = 32 * 1024;

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
  const app = new Hono();
  const errorPage = (
    c: { req: { path: string; header(n: string): string | undefined } },
    kind: 'notFound' | 'error' | 'tooLarge',
  ) => publicSite.errorPage(localeFor(c.req.path, c.req.header('accept-language')), kind);

  // One log line per request: never a body or a query string (form pages could carry patient data).
  app.use(async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.header('X-Request-Id', requestId);
    await next();
    logger.info(
      {
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(securityHeaders(deps.env.siteUrl));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => sendPrepared(c, errorPage(c, 'tooLarge')),
    }),
  );

  app.route('/', healthRoutes(deps.db));
  app.route('/', contentRoutes(publicSite));

  app.notFound((c) => sendPrepared(c, errorPage(c, 'notFound')));
  app.onError((error, c) => {
    if (error instanceof HttpError && error.status === 404) return sendPrepared(c, errorPage(c, 'notFound'));
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
