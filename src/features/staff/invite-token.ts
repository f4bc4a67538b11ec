import { createHash, randomBytes } from 'node:crypto';

/** An invite (or reset) link works this long. */
export const INVITE_LIFETIME_MS = 72 * 60 * 60_000;

/** 256 random bits, URL-safe: the one-time token of an invite link. */
export function newInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a value has the shape of an invite token (anything else is never looked up). */
export function isInviteToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** What the database keeps to recognise an invite token: its SHA-256, never the token. */
export function hashInviteToken(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`clinic-site invite-token v1\0${token}`).digest());
}

/**
 * The link a new member opens. The token is in the query string; the request log never records
 * query strings, and the page's referrer policy keeps it out of Referer headers.
 * @example inviteLink('https://clinic.example', token) // 'https://clinic.example/staff/invite?token=…'
 */
export function inviteLink(siteUrl: string, token: string): string {
  return `${siteUrl}/staff/invite?token=${token}`;
}

/** When an invite made at `now` stops working. */
export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_LIFETIME_MS);
}
