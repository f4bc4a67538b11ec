import type { Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { socketAddress } from '../../http/client-address.ts';
import { clockOf } from '../../lib/clock.ts';
import type { Site } from '../../ui/site.ts';
import { cookieConfig, type CookieConfig } from './cookie.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.ts';
import { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './throttle.ts';

/**
 * What the staff area needs from the application. AppDeps (src/app.ts) satisfies it, so a
 * feature's routes pass their deps straight to requireStaff(deps) and csrfProtection(deps).
 */
export type AuthDeps = {
  db: Database;
  env: { siteUrl: string };
  publicSite: { site: Site };
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** The client's address, for per-address throttling and the audit trail. */
  clientAddress?: (c: Context) => string;
  /** Session lifetimes; SESSION_IDLE_MINUTES sets idleMs. */
  session?: Partial<SessionPolicy>;
  /** Sign-in throttling rules. */
  signinThrottle?: Partial<ThrottlePolicy>;
};

export type AuthSettings = {
  db: Database;
  siteUrl: string;
  origin: string;
  site: Site;
  now: () => Date;
  clientAddress: (c: Context) => string;
  policy: SessionPolicy;
  throttle: ThrottlePolicy;
  cookie: CookieConfig;
};

/**
 * A dependency set's way to learn the visitor's address, or the TCP peer's: the one default for
 * `deps.clientAddress` (server.ts passes clientAddressBehind(TRUSTED_PROXIES)).
 */
export const clientAddressOf = (deps: { clientAddress?: ((c: Context) => string) | undefined }) =>
  deps.clientAddress ?? socketAddress;

/** Fills in the defaults once, when a middleware or route group is built. */
export function authSettings(deps: AuthDeps): AuthSettings {
  const policy = { ...DEFAULT_SESSION_POLICY, ...deps.session };
  return {
    db: deps.db,
    siteUrl: deps.env.siteUrl,
    origin: new URL(deps.env.siteUrl).origin,
    site: deps.publicSite.site,
    now: clockOf(deps),
    clientAddress: clientAddressOf(deps),
    policy,
    throttle: { ...DEFAULT_THROTTLE_POLICY, ...deps.signinThrottle },
    cookie: cookieConfig(deps.env.siteUrl, policy),
  };
}
