import type { Database } from '../../db/client.ts';
import { windowStart } from '../../lib/rate-limit.ts';
import { addRateLimitHits, readRateLimitHits } from './queries/rate-limit-sync.ts';

export type RateLimitPolicy = { limit: number; windowMs: number };

/** Events one address may send per minute: a busy reader sends a few; a script sends hundreds. */
export const DEFAULT_COLLECT_LIMIT: RateLimitPolicy = { limit: 120, windowMs: 60_000 };

export type RateLimiter = {
  /** Counts a hit for `bucket` and says whether it is within the limit. No I/O. */
  hit(bucket: string, now: Date): boolean;
  /** Adds the hits counted here to rate_limits and learns every instance's totals. */
  sync(db: Database, now: Date): Promise<void>;
};

/**
 * Fixed-window limits whose state lives in the rate_limits table, shared by every instance,
 * without a database round trip per event: hits are counted in memory and added to the table
 * with each batch; the totals read back include other instances' hits.
 *
 * An address enters the table once it has sent a tenth of the limit in a window here: an
 * ordinary visitor (a few events) costs no write at all, and an address spread over N
 * instances gets at most N tenths of the limit more than its share, plus what other instances
 * counted since their last sync (about a second's worth).
 */
export function createRateLimiter(policy: RateLimitPolicy = DEFAULT_COLLECT_LIMIT): RateLimiter {
  const threshold = Math.max(1, Math.ceil(policy.limit / 10));
  /** Hits counted here and not yet in the table, by window and bucket. */
  let pending = new Map<string, number>();
  /** Totals the table held at the last sync, by window and bucket. */
  const shared = new Map<string, number>();
  const key = (bucket: string, start: number) => `${start}|${bucket}`;
  const parse = (k: string) => ({
    start: Number(k.slice(0, k.indexOf('|'))),
    bucket: k.slice(k.indexOf('|') + 1),
  });

  return {
    hit(bucket, now) {
      const k = key(bucket, windowStart(now, policy.windowMs).getTime());
      const count = (pending.get(k) ?? 0) + 1;
      pending.set(k, count);
      return (shared.get(k) ?? 0) + count <= policy.limit;
    },
    async sync(db, now) {
      const current = windowStart(now, policy.windowMs).getTime();
      const live = (k: string) => parse(k).start >= current;
      for (const k of shared.keys()) if (!live(k)) shared.delete(k);
      // Past windows that never reached the threshold are forgotten; the rest is written.
      const taken = [...pending].filter(([k, n]) => live(k) && (n >= threshold || shared.has(k)));
      const kept = new Map([...pending].filter(([k, n]) => live(k) && !(n >= threshold || shared.has(k))));
      pending = kept;
      const hits = taken
        .map(([k, n]) => ({ ...parse(k), hits: n }))
        .map(({ bucket, start, hits }) => ({
          bucket,
          windowStart: new Date(start),
          hits,
        }));
      try {
        const added = await addRateLimitHits(db, hits);
        // Busy buckets idle here since: read what other instances added meanwhile.
        const written = new Set(taken.map(([k]) => k));
        const idle = [...shared.keys()].filter((k) => !written.has(k)).map((k) => parse(k).bucket);
        const read = await readRateLimitHits(db, new Date(current), idle);
        for (const row of [...added, ...read]) {
          const start = row.windowStart.getTime();
          if (start >= current) shared.set(key(row.bucket, start), row.hits);
        }
      } catch (error) {
        // Not lost: counted again with the next sync.
        for (const [k, n] of taken) pending.set(k, (pending.get(k) ?? 0) + n);
        throw error;
      }
    },
  };
}
