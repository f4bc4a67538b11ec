import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Largest request body we read; a bigger one gets the friendly 413 page. */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Refuses a request body over `maxSize` bytes with `onTooLarge`'s answer. GET and HEAD skip the
 * check: they carry no body we read. A body with a Content-Length (what browsers send) is judged
 * by that header alone: Node's parser never reads past it. Only a body without one (chunked) is
 * counted as it arrives, by Hono's bodyLimit, which reads c.req.raw.body: that makes
 * @hono/node-server build a whole web Request (a tenth of a page's cost, as much again for a post).
 * @example app.use(limitBody(MAX_BODY_BYTES, (c) => c.text('too large', 413)))
 */
export function limitBody(
  maxSize: number,
  onTooLarge: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const limit = bodyLimit({ maxSize, onError: onTooLarge });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limit(c, next);
    return /^\d{1,15}$/.test(length.trim()) && Number(length) <= maxSize
      ? next()
      : Promise.resolve(onTooLarge(c));
  };
}
