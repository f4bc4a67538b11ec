import type { Database } from '../../../db/client.ts';
import { appendAudit } from '../../audit/index.ts';
import { hashStatsToken, newStatsToken } from './token.ts';

/** Who made or revoked a token, for the audit trail. */
export type TokenActor = { staffId: string; email: string; address: string };

export type StatsToken = {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type Row = {
  id: string;
  name: string;
  created_by: string | null;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
};

const toToken = (r: Row): StatsToken => ({
  id: r.id,
  name: r.name,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
});

export const MAX_TOKEN_NAME = 80;

/** The name a token is given, tidied, or a message saying what is wrong with it. */
export function tokenName(raw: string): { name: string } | { error: string } {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { error: 'Give the token a name, like “Monthly board report”.' };
  if ([...name].length > MAX_TOKEN_NAME) return { error: `Keep the name to ${MAX_TOKEN_NAME} characters.` };
  return { name };
}

/**
 * Makes a token and records it in the audit trail (its name, never the token). The clear token
 * is returned to be shown once; only its hash is stored.
 */
export async function createStatsToken(
  db: Database,
  input: { name: string; actor: TokenActor; now: Date },
): Promise<{ token: string; id: string }> {
  const { token, hash } = newStatsToken();
  const { actor, now } = input;
  const id = await db.rawTransaction(async (sql) => {
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO stats_api_tokens (name, token_hash, created_by, created_at)
       VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [input.name, hash, actor.staffId, now],
    );
    const tokenId = row?.id as string;
    await appendAudit(
      sql,
      {
        actorId: actor.staffId,
        actorEmail: actor.email,
        action: 'stats-token.created',
        target: `stats-token:${tokenId}`,
        address: actor.address,
        details: { name: input.name, via: 'web' },
      },
      now,
    );
    return tokenId;
  });
  return { token, id };
}

/** Revokes a token (audited); false when there is no such token or it was already revoked. */
export async function revokeStatsToken(
  db: Database,
  input: { id: string; actor: TokenActor; now: Date },
): Promise<boolean> {
  const { actor, now } = input;
  return db.rawTransaction(async (sql) => {
    const [row] = await sql.query<{ name: string }>(
      `UPDATE stats_api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING name`,
      [input.id, now],
    );
    if (!row) return false;
    await appendAudit(
      sql,
      {
        actorId: actor.staffId,
        actorEmail: actor.email,
        action: 'stats-token.revoked',
        target: `stats-token:${input.id}`,
        address: actor.address,
        details: { name: row.name, via: 'web' },
      },
      now,
    );
    return true;
  });
}

/** Every token, newest first, with who made it. */
export async function listStatsTokens(
  db: Database,
): Promise<(StatsToken & { createdByEmail: string | null })[]> {
  const rows = await db.query<Row & { email: string | null }>(
    `SELECT t.id::text AS id, t.name, t.created_by::text AS created_by, t.created_at, t.last_used_at,
            t.revoked_at, s.email
     FROM stats_api_tokens t LEFT JOIN staff s ON s.id = t.created_by
     ORDER BY t.created_at DESC, t.id`,
  );
  return rows.map((r) => ({ ...toToken(r), createdByEmail: r.email }));
}

export async function findStatsToken(db: Database, id: string): Promise<StatsToken | null> {
  const [row] = await db.query<Row>(
    `SELECT id::text AS id, name, created_by::text AS created_by, created_at, last_used_at, revoked_at
     FROM stats_api_tokens WHERE id = $1`,
    [id],
  );
  return row ? toToken(row) : null;
}

/**
 * The token a request presents, if it is one that works; its last-used time is moved on (at most
 * once a minute, so a busy script does not write on every call).
 */
export async function useStatsToken(
  db: Database,
  token: string,
  now: Date,
): Promise<{ id: string } | { refused: 'unknown' | 'revoked'; id?: string }> {
  const [row] = await db.query<{ id: string; revoked_at: Date | string | null }>(
    'SELECT id::text AS id, revoked_at FROM stats_api_tokens WHERE token_hash = $1',
    [hashStatsToken(token)],
  );
  if (!row) return { refused: 'unknown' };
  if (row.revoked_at !== null) return { refused: 'revoked', id: row.id };
  await db.query(
    `UPDATE stats_api_tokens SET last_used_at = $2
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [row.id, now],
  );
  return { id: row.id };
}
