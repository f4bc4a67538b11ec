import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signed token every rendered form carries (hidden field `form-token`). It holds when the
 * form was rendered, the idempotency key of this one submission, and the non-identifying
 * metadata of where the visitor came from. The HMAC keeps bots from minting their own: each post
 * needs a form fetched from us at least a couple of seconds earlier.
 */
export type FormTokenClaims = {
  /** When the form was rendered, in ms since the epoch. */
  issuedAt: number;
  /** The submission's idempotency key: resending it answers the same thank-you. */
  key: string;
  /** The same-site page the visitor came from, like "/en/faq"; null when unknown. */
  source: string | null;
};

/** 128 random bits, URL-safe. */
export function newIdempotencyKey(): string {
  return randomBytes(16).toString('base64url');
}

const mac = (secret: Uint8Array, payload: string) =>
  createHmac('sha256', secret).update(`form-token v1\0${payload}`).digest();

/**
 * Signs claims into "payload.signature" (both base64url).
 * @example signFormToken({ issuedAt: Date.now(), key: newIdempotencyKey(), source: null }, secret)
 */
export function signFormToken(claims: FormTokenClaims, secret: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify([1, claims.issuedAt, claims.key, claims.source])).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The claims of a token we signed, or null for anything else (forged, altered, malformed). */
export function readFormToken(token: string, secret: Uint8Array): FormTokenClaims | null {
  if (token.length > 1000) return null;
  const [payload = '', signature = '', extra] = token.split('.');
  if (extra !== undefined) return null;
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // One spelling per token: base64url's last character has spare bits a decoder ignores.
  if (given.toString('base64url') !== signature) return null;
  try {
    // Tokens signed before the campaign moved to the visit carry a fifth value, ignored.
    const [version, issuedAt, key, source] = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const optional = (v: unknown) => (typeof v === 'string' ? v : null);
    if (version !== 1 || typeof issuedAt !== 'number' || typeof key !== 'string') return null;
    return { issuedAt, key, source: optional(source) };
  } catch {
    return null;
  }
}

export type TokenTiming = 'ok' | 'too-fast' | 'stale';

/**
 * Whether a post came a plausible time after its form was rendered: people need a few seconds to
 * fill it in; a form older than `maxAgeMs` (a day) is sent back to be checked and sent again.
 */
export function checkTokenTiming(
  claims: FormTokenClaims,
  now: Date,
  limits: { minFillMs: number; maxAgeMs: number },
): TokenTiming {
  const age = now.getTime() - claims.issuedAt;
  if (age > limits.maxAgeMs) return 'stale';
  if (age < limits.minFillMs) return 'too-fast';
  return 'ok';
}
