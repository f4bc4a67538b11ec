import type { Database } from '../../../db/client.ts';

/**
 * The salt of `day`, creating it with `fresh` if no instance has yet. Two instances racing on the
 * first event of a day both end up with the one salt that was stored first.
 */
export async function getOrCreateSalt(db: Database, day: string, fresh: string): Promise<string> {
  await db.query('INSERT INTO analytics_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [
    day,
    fresh,
  ]);
  const rows = await db.query<{ salt: string }>('SELECT salt FROM analytics_salts WHERE day = $1', [day]);
  const salt = rows[0]?.salt;
  if (!salt) throw new Error(`analytics salt for ${day} vanished`);
  return salt;
}

/** Deletes the salts of days before `today`: the daily rotation. Returns how many went. */
export async function deleteSaltsBefore(db: Database, today: string): Promise<number> {
  const rows = await db.query('DELETE FROM analytics_salts WHERE day < $1 RETURNING day', [today]);
  return rows.length;
}
