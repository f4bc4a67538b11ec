import type { Database } from '../../db/client.ts';
import { addRateLimitHits, readRateLimitHits } from './queries/rate-limit-sync.ts';

export type RateLimitPolicy = { limit: number; windowMs: number };

/** Events one address may send per minute: a busy reader sends a few; a script sends hundreds. */
export const DEFAULT_COLLECT_LIMIT: RateLimitPolicy = { limit: 120, windowMs: 60_000 };

export type RateLimiter = {
  /**
   * Counts a hit for `key` and says whether it is within the limit. No I/O. `storedAs` gives the
   * key's name in the shared table (the collector's is a salted hash of the address); it is
   * called only for a key busy enough to be written. Defaults to the key itself.
   */
  hit(key: string, now: Date, storedAs?: () => string): boolean;
  /** Adds the hits counted here to rate_limits and learns every instance's totals. */
  sync(db: Database, now: Date): Promise<void>;
};

/** One fixed window's counts in this process. Keys live here for the window only, never on disk. */
type Window = {
  start: number;
  /** Hits counted here and not yet in the table, by key. */
  pending: Map<string, number>;
  /** Keys to write at the next sync: busy ones, and ones the table already holds. */
  due: Set<string>;
  /** Totals the table held at the last sync, by key (with the key's stored name). */
  shared: Map<string, { bucket: string; hits: number }>;
  /** Stored names of due keys, computed when the key became due. */
  buckets: Map<string, string>;
};

const newWindow = (start: number): Window => ({
  start,
  pending: new Map(),
  due: new Set(),
  shared: new Map(),
  buckets: new Map(),
});

/**
 * Fixed-window limits whose state lives in the rate_limits table, shared by every instance,
 * without a database round trip per event: hits are counted in memory and added to the table
 * with each batch; the totals read back include other instances' hits.
 *
 * A key enters the table once it has sent a tenth of the limit in a window here: an ordinary
 * visitor (a few events) costs no write and no hash at all, and a key spread over N instances
 * gets at most N tenths of the limit more than its share, plus what other instances counted since
 * their last sync (about a second's worth). A sync touches only the busy keys, so its cost does
 * not grow with the number of visitors in the window. Hits of a window that has ended are
 * dropped: they no longer limit anything.
 */
export function createRateLimiter(policy: RateLimitPolicy = DEFAULT_COLLECT_LIMIT): RateLimiter {
  const threshold = Math.max(1, Math.ceil(policy.limit / 10));
  // Start of the fixed window that holds `now`.
  const startOf = (now: Date) => Math.floor(now.getTime() / policy.windowMs) * policy.windowMs;
  let window = newWindow(-1);

  return {
    hit(key, now, storedAs = () => key) {
      const start = startOf(now);
      if (start !== window.start) window = newWindow(start);
      const count = (window.pending.get(key) ?? 0) + 1;
      window.pending.set(key, count);
      const shared = window.shared.get(key);
      if ((count >= threshold || shared) && !window.due.has(key)) {
        window.due.add(key);
        window.buckets.set(key, shared?.bucket ?? storedAs());
      }
      return (shared?.hits ?? 0) + count <= policy.limit;
    },
    async sync(db, now) {
      const w = window;
      if (w.start !== startOf(now)) {
        window = newWindow(startOf(now));
        return;
      }
      const taken = [...w.due].map((key) => ({
        key,
        bucket: w.buckets.get(key) ?? key,
        hits: w.pending.get(key) ?? 0,
      }));
      for (const { key } of taken) w.pending.delete(key);
      w.due.clear();
      const windowStart = new Date(w.start);
      // Busy keys idle here since: read what other instances added meanwhile.
      const written = new Set(taken.map((t) => t.key));
      const idle = [...w.shared].filter(([key]) => !written.has(key));
      try {
        const added = await addRateLimitHits(
          db,
          taken.map(({ bucket, hits }) => ({ bucket, windowStart, hits })),
        );
        const read = await readRateLimitHits(
          db,
          windowStart,
          idle.map(([, s]) => s.bucket),
        );
        const keyOf = new Map<string, string>([
          ...taken.map((t): [string, string] => [t.bucket, t.key]),
          ...idle.map(([key, s]): [string, string] => [s.bucket, key]),
        ]);
        for (const row of [...added, ...read]) {
          const key = keyOf.get(row.bucket);
          if (key !== undefined && row.windowStart.getTime() === w.start)
            w.shared.set(key, { bucket: row.bucket, hits: row.hits });
        }
      } catch (error) {
        // Not lost: counted again with the next sync.
        for (const { key, bucket, hits } of taken) {
          w.pending.set(key, (w.pending.get(key) ?? 0) + hits);
          w.due.add(key);
          w.buckets.set(key, bucket);
        }
        throw error;
      }
    },
  };
}
