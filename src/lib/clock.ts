/** The clock every part takes as `now`: the system clock unless a test passes its own. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A dependency set's clock, or the system clock: the one default for `deps.now`.
 * @example const now = clockOf(deps); const at = now();
 */
export const clockOf = (deps: { now?: Clock | undefined }): Clock => deps.now ?? systemClock;
