import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.ts';
import { answerPrepared, type PreparedResponse } from './prepared-response.ts';
import type { SecuredHeaders } from './security-headers.ts';

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the responses prepared at start (pages, sitemap, robots.txt, assets) for GET and HEAD
 * straight from node:http, ahead of the Hono app, which gets every other request (`next`). A
 * prepared page through Hono cost four times what Node itself needs (a web Request and
 * Response, routing, headers set one at a time); here it is a map lookup and one write, with the
 * same answer: the headers of answerPrepared, the security headers, X-Request-Id, and the same
 * request-log line (path only, never the query string).
 * @example createServer(preparedLane({ responses, securityHeaders, logger, next: honoListener }))
 */
export function preparedLane(options: {
  responses: ReadonlyMap<string, PreparedResponse>;
  securityHeaders: SecuredHeaders;
  logger: Logger;
  next: NodeListener;
}): NodeListener {
  const { responses, securityHeaders, logger, next } = options;
  // Per prepared answer's header object: the same plus the security headers, made once.
  const withSecurity = new WeakMap<object, Record<string, string>>();
  return (req, res) => {
    const { method } = req;
    if (method !== 'GET' && method !== 'HEAD') return next(req, res);
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const prepared = responses.get(path);
    if (!prepared) return next(req, res);

    const started = performance.now();
    const answer = answerPrepared(prepared, req.headers['accept-encoding'], req.headers['if-none-match']);
    let headers = withSecurity.get(answer.headers);
    if (!headers) withSecurity.set(answer.headers, (headers = { ...answer.headers, ...securityHeaders }));
    const requestId = randomUUID();
    res.writeHead(answer.status, { ...headers, 'X-Request-Id': requestId });
    res.end(method === 'HEAD' ? undefined : answer.body);
    if (logger.isLevelEnabled('info')) {
      const ms = Math.round(performance.now() - started);
      logger.info({ reqId: requestId, method, path, status: answer.status, ms }, 'request');
    }
  };
}
