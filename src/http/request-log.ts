import type { Context, MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by logQuietly: this request's line is logged at debug instead of info. */
    requestLogLevel: 'debug';
  }
}

/**
 * For a route that answers thousands of tiny requests a second (the analytics beacon): its
 * successful answers are logged at debug, so they neither flood the log nor cost a write each.
 */
export function logQuietly(c: Context): void {
  c.set('requestLogLevel', 'debug');
}

/**
 * One log line per request, with an id also sent as X-Request-Id: method, path (never a query
 * string: form pages could carry patient data), status and duration; never a body.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.header('X-Request-Id', requestId);
    await next();
    const level = c.get('requestLogLevel') ?? 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
