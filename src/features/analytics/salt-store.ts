import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { deleteSaltsBefore, getOrCreateSalt } from './queries/salts.ts';

export type SaltStore = {
  /** The salt of a clinic-local day, from memory or the shared table. */
  saltFor(day: string): Promise<string>;
  /** Deletes every salt older than `today`, here and in the table. */
  rotate(today: string): Promise<void>;
};

/**
 * Daily salts shared by every instance through analytics_salts, cached in memory. Moving to a new
 * day deletes the older salts at once; the maintenance job repeats it in case no event came.
 */
export function createSaltStore(db: Database): SaltStore {
  const cache = new Map<string, Promise<string>>();
  const forget = (today: string) => {
    for (const day of cache.keys()) if (day < today) cache.delete(day);
  };
  const rotate = async (today: string) => {
    forget(today);
    await deleteSaltsBefore(db, today);
  };
  return {
    saltFor(day) {
      let salt = cache.get(day);
      if (!salt) {
        const newDay = [...cache.keys()].some((d) => d < day);
        const created = getOrCreateSalt(db, day, randomBytes(32).toString('base64url'));
        // The first event of a new day waits until the older salts are gone, so no earlier
        // visitor id can be recomputed once today's are handed out; a failed deletion is left to
        // the maintenance job and does not hold the event back.
        salt = newDay
          ? created.then(async (value) => {
              await rotate(day).catch(() => undefined);
              return value;
            })
          : created;
        cache.set(day, salt);
        // A failed read is not cached: the next event tries again.
        salt.catch(() => cache.delete(day));
      }
      return salt;
    },
    rotate,
  };
}
