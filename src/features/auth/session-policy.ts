/** How long sessions last. Pure rules; the clock is passed in. */
export type SessionPolicy = {
  /** A session unused this long ends (SESSION_IDLE_MINUTES, 15 minutes by default). */
  idleMs: number;
  /** A session ends this long after sign-in, however busy (12 hours). */
  absoluteMs: number;
  /** Time to type the one-time code after the password was accepted. */
  pendingMs: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 15 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  pendingMs: 5 * 60_000,
};

/** A posted form kept across an expired session is restorable this long. */
export const DRAFT_LIFETIME_MS = 60 * 60_000;

export type SessionTimes = {
  stage: 'pending' | 'active';
  lastSeenAt: Date;
  expiresAt: Date;
};

/**
 * Whether a session is still usable at `now`: 'live', or why it ended ('idle': unused for
 * longer than idleMs; 'expired': past its absolute end).
 * @example sessionState(row, new Date(), DEFAULT_SESSION_POLICY) // 'live'
 */
export function sessionState(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy,
): 'live' | 'idle' | 'expired' {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (session.stage === 'active' && now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs)
    return 'idle';
  return 'live';
}

/** The absolute end of a session that starts (or becomes active) at `now`. */
export function sessionExpiry(stage: 'pending' | 'active', now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() + (stage === 'pending' ? policy.pendingMs : policy.absoluteMs));
}
