import type { Database } from '../../db/client.ts';
import { deleteExpiredDrafts } from './drafts.ts';
import { deleteExpiredSessions } from './session-queries.ts';
import { DEFAULT_SESSION_POLICY, DRAFT_LIFETIME_MS, type SessionPolicy } from './session-policy.ts';
import { pruneThrottle } from './throttle-queries.ts';
import { DEFAULT_THROTTLE_POLICY } from './throttle.ts';

/**
 * Deletes what has run out: sessions past their idle or absolute end (their sealed copies of
 * the clinic key at once, the rows an hour later, so a late form is kept for its member), kept forms past their
 * hour, and forgotten throttle rows. Sessions are also deleted on sight when used after their
 * end; this catches the ones never used again. Safe to run on every instance at once.
 * @example setInterval(() => void cleanUpAuth(db, new Date()), 60_000)
 */
export async function cleanUpAuth(
  db: Database,
  now: Date,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<{ sessions: number; drafts: number; throttle: number }> {
  return {
    sessions: await deleteExpiredSessions(db, now, policy.idleMs, DRAFT_LIFETIME_MS),
    drafts: await deleteExpiredDrafts(db, now),
    throttle: await pruneThrottle(db, now, DEFAULT_THROTTLE_POLICY.pair.forgetAfterMs),
  };
}
