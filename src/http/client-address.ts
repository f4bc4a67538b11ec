import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** How the app learns a visitor's address: for rate limits, the analytics visitor hash, the audit trail. */
export type ClientAddress = (c: Context) => string;

/** The TCP peer's address: the visitor's, when nothing stands between them and the app. */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/**
 * The visitor's address behind `trustedProxies` reverse proxies (load balancer, CDN), each of
 * which appends the address it saw to X-Forwarded-For. Counting from the right, as Express's
 * numeric "trust proxy" does: the entry the outermost trusted proxy wrote is the visitor's, and
 * anything further left came from the visitor and could be forged. With 0, the TCP peer.
 * @example clientAddressBehind(1) // behind one load balancer: the last X-Forwarded-For entry
 */
export function clientAddressBehind(trustedProxies: number): ClientAddress {
  if (trustedProxies === 0) return socketAddress;
  return (c) => {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0 && entry.length <= 64);
    // Nearest first: the peer (the last proxy), then what each proxy saw, right to left.
    const hops = [socketAddress(c), ...forwarded.reverse()];
    return hops[Math.min(trustedProxies, hops.length - 1)] as string;
  };
}
