import { createHmac } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { addressKey } from './abuse.ts';
import { newIdempotencyKey, readFormToken, signFormToken } from './form-token.ts';
import { hitBuckets } from './rate-limit.ts';
import { intakeSecretsLoader } from './secrets.ts';

/**
 * The request form's protections for another public form that stores nothing (the self-check):
 * the same signed form token (a post needs a page fetched from us, within a day) and a fixed
 * window of posts per address, counted under a keyed hash of the address in rate_limits (the
 * request form's daily tidy-up prunes it). Nothing of what was posted is counted or kept.
 */
export type PostGuardPolicy = { windowMs: number; postsPerAddress: number; maxTokenAgeMs: number };

export const DEFAULT_POST_GUARD_POLICY: PostGuardPolicy = {
  windowMs: 10 * 60_000,
  postsPerAddress: 30,
  maxTokenAgeMs: 24 * 3_600_000,
};

export type PostCheck = 'ok' | 'expired' | 'rate-limited';

export type PostGuard = {
  /** A token for a page about to be shown; '' when the database cannot give the secret. */
  token(now: Date): Promise<string>;
  /** Whether a post may be answered. A database failure lets it through: nothing is stored. */
  check(token: string, address: string, now: Date): Promise<PostCheck>;
};

/** @example const guard = postGuard(db, logger, 'self-check'); await guard.check(token, address, new Date()) */
export function postGuard(
  db: Database,
  logger: Logger,
  purpose: string,
  policy: PostGuardPolicy = DEFAULT_POST_GUARD_POLICY,
): PostGuard {
  const secrets = intakeSecretsLoader(db);
  const failed = (error: unknown) => {
    const e = error as { name?: string; code?: unknown };
    logger.warn(
      { err: { type: e.name, code: e.code } },
      `${purpose}: protections skipped (database unavailable?)`,
    );
  };
  return {
    async token(now) {
      try {
        const { formToken } = await secrets();
        return signFormToken({ issuedAt: now.getTime(), key: newIdempotencyKey(), source: null }, formToken);
      } catch (error) {
        failed(error);
        return '';
      }
    },
    async check(token, address, now) {
      try {
        const { formToken, address: addressSecret } = await secrets();
        const claims = readFormToken(token, formToken);
        if (!claims || now.getTime() - claims.issuedAt > policy.maxTokenAgeMs) return 'expired';
        const hash = createHmac('sha256', addressSecret)
          .update(addressKey(address))
          .digest('hex')
          .slice(0, 32);
        const bucket = `intake:${purpose}:addr:${hash}`;
        const hits = await hitBuckets(db, [bucket], now, policy.windowMs);
        return (hits.get(bucket) ?? 1) > policy.postsPerAddress ? 'rate-limited' : 'ok';
      } catch (error) {
        failed(error);
        return 'ok';
      }
    },
  };
}
