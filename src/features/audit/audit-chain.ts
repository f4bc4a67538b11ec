import { createHash } from 'node:crypto';

/** What happened, by whom, to what, from where. Never patient data: ids and names of actions only. */
export type AuditEvent = {
  actorId: string | null;
  actorEmail: string | null;
  /** A dotted verb, like "signin.failed", "request.viewed", "request.status_changed", "staff.invited". */
  action: string;
  /** What it was done to, like "request:3f2a…" or "staff:9c1e…". */
  target: string | null;
  address: string | null;
  details: Record<string, string | number | boolean | null>;
};

export type AuditEntry = AuditEvent & { id: number; at: Date; prevHash: string; hash: string };

/** The hash the first entry points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the same entry always hashes the same way. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * sha256 over the previous hash and every field of the entry.
 * @example entryHash(GENESIS_HASH, { id: 1, at, ...event })
 */
export function entryHash(prevHash: string, entry: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  const body = canonical({ ...entry, at: entry.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks entries in id order and reports the first one whose link or content does not match.
 * An edited entry fails its own hash; a deleted one breaks the next entry's link.
 */
export function verifyChain(entries: AuditEntry[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.prevHash !== prev) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.id,
        reason: 'does not point to the entry before it (one was removed or reordered)',
      };
    }
    const { prevHash: _prevHash, hash, ...rest } = entry;
    if (entryHash(prev, rest) !== hash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.id,
        reason: 'its content was changed after it was written',
      };
    }
    prev = hash;
  }
  return { ok: true, entries: entries.length };
}
