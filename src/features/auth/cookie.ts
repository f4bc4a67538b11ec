import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DRAFT_LIFETIME_MS, type SessionPolicy } from './session-policy.ts';
import { isToken } from './session-token.ts';

/**
 * The one staff cookie: a random token (session-token.ts). Its name depends on SITE_URL:
 * - https: "__Host-clinic_session". The __Host- prefix makes browsers accept it only with
 *   Secure, Path=/ and no Domain, so neither a subdomain nor a plain-http page can plant or
 *   overwrite it.
 * - http (local use, tests): "clinic_session" without Secure, because browsers reject a __Host-
 *   cookie that is not Secure and do not keep Secure cookies from plain-http pages.
 * Always HttpOnly (no script reads it) and SameSite=Strict (no other site makes the browser send
 * it). It outlives the session by the draft lifetime, so a form posted just after the session
 * ended still proves (by its CSRF token) that it came from this browser and can be preserved.
 */
export type CookieConfig = { name: string; secure: boolean; maxAgeSeconds: number };

export function cookieConfig(siteUrl: string, policy: SessionPolicy): CookieConfig {
  const secure = new URL(siteUrl).protocol === 'https:';
  return {
    name: secure ? '__Host-clinic_session' : 'clinic_session',
    secure,
    maxAgeSeconds: Math.ceil((policy.absoluteMs + DRAFT_LIFETIME_MS) / 1000),
  };
}

/** The token the browser sent, or null (absent or malformed values are ignored). */
export function readCookieToken(c: Context, config: CookieConfig): string | null {
  const value = getCookie(c, config.name);
  return isToken(value) ? value : null;
}

/** Sets (replaces) the browser's token. */
export function writeCookieToken(c: Context, config: CookieConfig, token: string): void {
  setCookie(c, config.name, token, {
    httpOnly: true,
    secure: config.secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: config.maxAgeSeconds,
  });
}
