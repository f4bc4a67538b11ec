import type { MiddlewareHandler } from 'hono';

declare const secured: unique symbol;
/** Response headers that include every security header (made by securedHeaders only). */
export type SecuredHeaders = { readonly [name: string]: string } & { readonly [secured]: true };

/**
 * Headers on every response. Scripts only from our origin (no inline, no eval), no framing,
 * forms post only to us, nothing from other hosts at all.
 */
function securityHeaderValues(siteUrl: string): Record<string, string> {
  const https = siteUrl.startsWith('https:');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), ' +
      'magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Adds the security headers to every response the app makes (except securedResponse's, which has them). */
export function securityHeaders(siteUrl: string): MiddlewareHandler {
  const headers = Object.entries(securityHeaderValues(siteUrl));
  return async (c, next) => {
    await next();
    if (alreadySecured.has(c.res)) return;
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}

const alreadySecured = new WeakSet<Response>();

/** The security headers plus `extra`, computed once, for securedResponse. */
export function securedHeaders(siteUrl: string, extra: Record<string, string> = {}): SecuredHeaders {
  return Object.freeze({ ...securityHeaderValues(siteUrl), ...extra }) as SecuredHeaders;
}

/**
 * An empty answer whose headers, security headers included, are one prepared plain object: for a
 * route that answers thousands of tiny requests a second (the analytics beacon), where setting
 * them one by one on a Headers object was a noticeable share of each request's cost.
 * securityHeaders() leaves such a response alone.
 */
export function securedResponse(status: number, headers: SecuredHeaders): Response {
  const res = new Response(null, { status, headers });
  alreadySecured.add(res);
  return res;
}
