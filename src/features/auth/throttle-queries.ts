import { createHash } from 'node:crypto';
import type { Database, RawSql } from '../../db/client.ts';
import { delayAfter, refusedUntil, RESERVATION_LEASE_MS, type ThrottlePolicy } from './throttle.ts';

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export type ThrottleKeys = { pair: string; account: string; address: string };

/**
 * The throttle rows of one attempt. Keys are hashes, so the table holds no typed e-mail or
 * address; an unknown e-mail gets its own rows exactly like a real one (no enumeration).
 */
export function throttleKeys(email: string, address: string): ThrottleKeys {
  const account = email.trim().toLowerCase();
  return {
    pair: `pair:${sha256(`clinic-site signin pair\0${account}\0${address}`)}`,
    account: `account:${sha256(`clinic-site signin account\0${account}`)}`,
    address: `address:${sha256(`clinic-site signin address\0${address}`)}`,
  };
}

type CounterRow = {
  key: string;
  failures: number;
  last_failure_at: Date | string;
  blocked_until: Date | string;
  reserved: number;
  reserved_at: Date | string | null;
  trusted_until: Date | string | null;
};

/** The counters an attempt is held to: all three, or two on an address the member signs in from. */
function heldTo(keys: ThrottleKeys, rows: CounterRow[], now: Date): (keyof ThrottleKeys)[] {
  const pair = rows.find((r) => r.key === keys.pair);
  const trusted = pair?.trusted_until ? new Date(pair.trusted_until) > now : false;
  return trusted ? ['pair', 'address'] : ['pair', 'account', 'address'];
}

/**
 * Reserves one attempt on every counter it is held to, in one transaction with the rows locked,
 * BEFORE the slow password or code check: parallel attempts on any instance queue here, and
 * each sees the ones in flight before it. settleAttempt must follow, whatever the outcome.
 * @returns null when reserved, else the time to wait until (nothing is reserved then)
 */
export async function reserveAttempt(
  db: Database,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
  now: Date,
): Promise<Date | null> {
  // Sorted, so two transactions always lock the rows in the same order (no deadlock).
  const all = [keys.pair, keys.account, keys.address].sort();
  return db.rawTransaction(async (sql) => {
    await sql.query(
      `INSERT INTO signin_throttle (key, failures, last_failure_at, blocked_until, account_key)
       SELECT k, 0, $2, $2, CASE WHEN k = $3 THEN $4 END FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO NOTHING`,
      [all, now, keys.pair, keys.account],
    );
    const rows = await sql.query<CounterRow>(
      `SELECT key, failures, last_failure_at, blocked_until, reserved, reserved_at, trusted_until
       FROM signin_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
      [all],
    );
    const held = heldTo(keys, rows, now);
    let until: Date | null = null;
    for (const name of held) {
      const row = rows.find((r) => r.key === keys[name]);
      if (!row) continue;
      const refused = refusedUntil(
        {
          failures: Number(row.failures),
          lastFailureAt: new Date(row.last_failure_at),
          blockedUntil: new Date(row.blocked_until),
          reserved: Number(row.reserved),
          reservedAt: row.reserved_at ? new Date(row.reserved_at) : null,
        },
        policy[name],
        now,
      );
      if (refused && (!until || refused > until)) until = refused;
    }
    if (until) return until;
    await sql.query(
      `UPDATE signin_throttle SET
         reserved = CASE WHEN reserved_at IS NULL OR reserved_at < $3 THEN 1 ELSE reserved + 1 END,
         reserved_at = $2
       WHERE key = ANY($1::text[])`,
      [held.map((name) => keys[name]), now, new Date(now.getTime() - RESERVATION_LEASE_MS)],
    );
    return null;
  });
}

/**
 * Ends a reserved attempt, in one transaction (so no reservation sees a failure counted but its
 * block not yet set). A failure is counted on all three counters and blocks each for its rule's
 * delay; a success only releases the reservation.
 */
export async function settleAttempt(
  db: Database,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
  now: Date,
  outcome: 'failed' | 'passed',
): Promise<void> {
  const all = (['pair', 'account', 'address'] as const)
    .slice()
    .sort((a, b) => keys[a].localeCompare(keys[b]));
  if (outcome === 'passed') {
    await db.query(
      'UPDATE signin_throttle SET reserved = GREATEST(reserved - 1, 0) WHERE key = ANY($1::text[])',
      [all.map((name) => keys[name])],
    );
    return;
  }
  await db.rawTransaction(async (sql) => {
    for (const name of all) {
      const rule = policy[name];
      const [row] = await sql.query<{ failures: number }>(
        `INSERT INTO signin_throttle AS t (key, failures, last_failure_at, blocked_until) VALUES ($1, 1, $2, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < $3 THEN 1 ELSE t.failures + 1 END,
           last_failure_at = $2,
           reserved = GREATEST(t.reserved - 1, 0)
         RETURNING failures`,
        [keys[name], now, new Date(now.getTime() - rule.forgetAfterMs)],
      );
      const until = new Date(now.getTime() + delayAfter(Number(row?.failures ?? 1), rule));
      await sql.query(
        'UPDATE signin_throttle SET blocked_until = GREATEST(blocked_until, $2) WHERE key = $1',
        [keys[name], until],
      );
    }
  });
}

/** How long an address that completed a sign-in stays exempt from the account-wide limit. */
const TRUSTED_FOR_MS = 30 * 24 * 60 * 60_000;

/**
 * After a complete sign-in: the account's failures are forgotten, and this address becomes one
 * the member signs in from (exempt from the account-wide limit for 30 days).
 */
export async function recordSignedIn(db: Query, keys: ThrottleKeys, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO signin_throttle AS t (key, failures, last_failure_at, blocked_until, trusted_until, account_key)
     VALUES ($1, 0, $2, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET failures = 0, blocked_until = $2, trusted_until = $3`,
    [keys.pair, now, new Date(now.getTime() + TRUSTED_FOR_MS), keys.account],
  );
  await db.query('UPDATE signin_throttle SET failures = 0, blocked_until = $2 WHERE key = $1', [
    keys.account,
    now,
  ]);
}

/**
 * An admin's "clear the sign-in lock" of one account: its account-wide counter and its counters
 * on every address it was tried from. The addresses' own counters stay (they are not the
 * account's: a stranger's address remains slowed down).
 * @returns how many counters were holding failures or a block
 */
export async function clearAccountLock(db: Query, email: string, now: Date): Promise<number> {
  const { account } = throttleKeys(email, '');
  const rows = await db.query(
    `UPDATE signin_throttle SET failures = 0, blocked_until = $2, reserved = 0
     WHERE (key = $1 OR account_key = $1) AND (failures > 0 OR blocked_until > $2) RETURNING key`,
    [account, now],
  );
  return rows.length;
}

/** Deletes rows whose failures are forgotten, whose block has ended and that trust no address. */
export async function pruneThrottle(db: Query, now: Date, forgetAfterMs: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM signin_throttle WHERE last_failure_at < $1 AND blocked_until < $2
       AND (trusted_until IS NULL OR trusted_until < $2) RETURNING key`,
    [new Date(now.getTime() - forgetAfterMs), now],
  );
  return rows.length;
}
