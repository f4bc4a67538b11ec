import { createHash } from 'node:crypto';
import type { RawSql } from '../../db/client.ts';
import { delayAfter, type ThrottleRule } from './throttle.ts';

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The throttle rows of one attempt. Keys are hashes, so the table holds no typed e-mail or
 * address; an unknown e-mail gets its own row exactly like a real one (no enumeration).
 */
export function throttleKeys(email: string, address: string): { account: string; address: string } {
  return {
    account: `account:${sha256(`clinic-site signin account\0${email.trim().toLowerCase()}`)}`,
    address: `address:${sha256(`clinic-site signin address\0${address}`)}`,
  };
}

/** The latest time any of `keys` is blocked until, or null when none is blocked at `now`. */
export async function blockedUntil(db: Query, keys: string[], now: Date): Promise<Date | null> {
  const [row] = await db.query<{ until: Date | string | null }>(
    'SELECT max(blocked_until) AS until FROM signin_throttle WHERE key = ANY($1::text[]) AND blocked_until > $2',
    [keys, now],
  );
  return row?.until ? new Date(row.until) : null;
}

/**
 * Counts one failure for `key` and blocks it for the rule's delay. Concurrent failures on any
 * instance are all counted (one upsert each).
 * @returns how many failures in a row the key now has
 */
export async function recordFailure(db: Query, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - rule.forgetAfterMs);
  const [row] = await db.query<{ failures: number }>(
    `INSERT INTO signin_throttle AS t (key, failures, last_failure_at, blocked_until) VALUES ($1, 1, $2, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.last_failure_at < $3 THEN 1 ELSE t.failures + 1 END,
       last_failure_at = $2
     RETURNING failures`,
    [key, now, forgetBefore],
  );
  const failures = Number(row?.failures ?? 1);
  const until = new Date(now.getTime() + delayAfter(failures, rule));
  await db.query('UPDATE signin_throttle SET blocked_until = GREATEST(blocked_until, $2) WHERE key = $1', [
    key,
    until,
  ]);
  return failures;
}

/** Forgets a key's failures (after a complete sign-in of that account). */
export async function clearFailures(db: Query, key: string): Promise<void> {
  await db.query('DELETE FROM signin_throttle WHERE key = $1', [key]);
}

/** Deletes rows whose failures are forgotten and whose block has ended. */
export async function pruneThrottle(db: Query, now: Date, forgetAfterMs: number): Promise<number> {
  const rows = await db.query(
    'DELETE FROM signin_throttle WHERE last_failure_at < $1 AND blocked_until < $2 RETURNING key',
    [new Date(now.getTime() - forgetAfterMs), now],
  );
  return rows.length;
}
