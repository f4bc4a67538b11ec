/**
 * Growing delays after failed sign-in attempts (pure rules; throttle-queries.ts stores the
 * state so every instance shares it). A few failures cost nothing; after that each failure
 * doubles the wait, up to a ceiling; a quiet day forgets them.
 */
export type ThrottleRule = {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The delay after the first failure past the free ones; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
};

/**
 * Three counters per attempt. `pair`: one account from one address (a member's own mistakes, or a
 * stranger guessing from one place). `address`: one address whatever accounts it tries.
 * `account`: one account from addresses that never completed a sign-in to it (a stranger rotating
 * addresses); a member's usual address is exempt, so that stranger cannot lock the member out.
 */
export type ThrottlePolicy = { pair: ThrottleRule; account: ThrottleRule; address: ThrottleRule };

const DAY = 24 * 60 * 60_000;

/**
 * One account from one address: 3 free failures, then 2 s, 4 s, 8 s … up to 15 minutes. Per
 * address and per account from strangers' addresses: more free failures, since a clinic's staff
 * may share one office address.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  pair: { freeFailures: 3, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY },
  account: { freeFailures: 10, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY },
  address: { freeFailures: 10, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY },
};

/** How long an attempt's reservation holds when its process dies before settling it. */
export const RESERVATION_LEASE_MS = 60_000;

/** One counter as stored: failures in a row, attempts in flight, and the current block. */
export type ThrottleCounter = {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date;
  reserved: number;
  reservedAt: Date | null;
};

/**
 * Whether one more attempt may start now, counting the attempts still in flight as failures:
 * within the free failures any number may run at once; past them, one at a time, so parallel
 * requests (on any instance) cannot all pass the check before the first failure is recorded.
 * @returns null when it may start, else the time to wait until
 */
export function refusedUntil(counter: ThrottleCounter, rule: ThrottleRule, now: Date): Date | null {
  if (counter.blockedUntil > now) return counter.blockedUntil;
  const forgotten = counter.lastFailureAt.getTime() < now.getTime() - rule.forgetAfterMs;
  const failures = forgotten ? 0 : counter.failures;
  const lapsed =
    counter.reservedAt === null || counter.reservedAt.getTime() < now.getTime() - RESERVATION_LEASE_MS;
  const inFlight = lapsed ? 0 : counter.reserved;
  if (inFlight === 0 || failures + inFlight <= rule.freeFailures) return null;
  return new Date(now.getTime() + rule.firstDelayMs);
}

/**
 * How long to refuse attempts after the `failures`-th failure in a row.
 * @example delayAfter(5, DEFAULT_THROTTLE_POLICY.account) // 4000
 */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  const past = failures - rule.freeFailures;
  if (past <= 0) return 0;
  return Math.min(rule.firstDelayMs * 2 ** Math.min(past - 1, 30), rule.maxDelayMs);
}

/** Whole seconds left to wait, rounded up, for people and the Retry-After header. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
