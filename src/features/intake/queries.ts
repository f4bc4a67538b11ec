import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.ts';

/**
 * The random secret named `name`, made on first use. Two instances starting together both try to
 * insert; ON CONFLICT keeps the first and both read the same one back.
 */
export async function getAppSecret(db: Database, name: string): Promise<Uint8Array> {
  await db.query('INSERT INTO app_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32),
  ]);
  const rows = await db.query<{ secret: Uint8Array }>('SELECT secret FROM app_secrets WHERE name = $1', [
    name,
  ]);
  const secret = rows[0]?.secret;
  if (!secret) throw new Error(`app secret ${name} was not stored`);
  return new Uint8Array(secret);
}
