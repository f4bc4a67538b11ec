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

export type ThrottlePolicy = { account: ThrottleRule; address: ThrottleRule };

const DAY = 24 * 60 * 60_000;

/**
 * Per account: 3 free failures, then 2 s, 4 s, 8 s … up to 15 minutes. Per address: more free
 * failures, since a clinic's staff may share one office address.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  account: { freeFailures: 3, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY },
  address: { freeFailures: 10, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY },
};

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
