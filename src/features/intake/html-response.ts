import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { chooseEncoding } from '../../http/prepared-response.ts';

/**
 * Sends a page rendered for this request, compressed like the prepared pages (brotli, else gzip)
 * but at a quick setting, since it is made once per request.
 * `cacheControl`: "no-store" for anything holding typed answers, so no cache keeps them.
 */
export function sendHtml(
  c: Context,
  html: string,
  status: 200 | 422 | 429 | 503,
  cacheControl: 'no-store' | 'private, no-cache',
): Response {
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  const identity = Buffer.from(html);
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
  };
  if (encoding === 'identity') return c.body(new Uint8Array(identity), status, headers);
  headers['Content-Encoding'] = encoding;
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(identity, { level: 6 });
  return c.body(new Uint8Array(body), status, headers);
}
