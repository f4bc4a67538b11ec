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
  // Per prepared answer's header object: the same plus the security headers and a slot for the
  // request id, as the flat [name, value, …] list writeHead takes, made once.
  const withSecurity = new WeakMap<object, string[]>();
  return (req, res) => {
    const { method } = req;
    if (method !== 'GET' && method !== 'HEAD') return next(req, res);
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const prepared = responses.get(path);
    if (!prepared) return next(req, res);

    const started = performance.now();
    const [acceptEncoding, ifNoneMatch] = twoHeaders(req.rawHeaders);
    const answer = answerPrepared(prepared, acceptEncoding, ifNoneMatch);
    let list = withSecurity.get(answer.headers);
    if (!list) {
      list = [...Object.entries({ ...answer.headers, ...securityHeaders }).flat(), 'X-Request-Id', ''];
      withSecurity.set(answer.headers, list);
    }
    const headers = list.slice();
    const requestId = randomUUID();
    headers[headers.length - 1] = requestId;
    res.writeHead(answer.status, headers);
    res.end(method === 'HEAD' ? undefined : answer.body);
    if (logger.isLevelEnabled('info')) {
      const ms = Math.round(performance.now() - started);
      logger.info({ reqId: requestId, method, path, status: answer.status, ms }, 'request');
    }
  };
}

/**
 * Accept-Encoding and If-None-Match from the raw header list: reading req.headers would build an
 * object of every header for the two a prepared answer needs. Repeated headers join with ", ",
 * as req.headers does for these two.
 */
function twoHeaders(raw: string[]): [string | undefined, string | undefined] {
  let acceptEncoding: string | undefined;
  let ifNoneMatch: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 15 && name.toLowerCase() === 'accept-encoding') {
      acceptEncoding = acceptEncoding === undefined ? raw[i + 1] : `${acceptEncoding}, ${raw[i + 1]}`;
    } else if (name.length === 13 && name.toLowerCase() === 'if-none-match') {
      ifNoneMatch = ifNoneMatch === undefined ? raw[i + 1] : `${ifNoneMatch}, ${raw[i + 1]}`;
    }
  }
  return [acceptEncoding, ifNoneMatch];
}
