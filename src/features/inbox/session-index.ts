import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import {
  DEFAULT_SESSION_POLICY,
  getSessionPrivateKey,
  onSessionsEnded,
  sessionCacheKey,
} from '../auth/index.ts';
import { loadSearchEntries, openSearchKey, searchIndexStamp } from '../requests/index.ts';
import type { InboxDeps } from './http.ts';
import { duplicatesOf, searchItemOf, type SearchItem } from './search.ts';

/**
 * The session's search index (docs/decisions/0010-inbox-search-over-sealed-data.md): the opened
 * search entries of every request, built the first time a session lists or searches, kept in
 * this process's memory only, encrypted (AES-256-GCM) under a key derived from the session's
 * cookie secret, so between requests it is ciphertext no other session can open. Dropped when
 * the session ends here (sign-out, expiry) or after the idle time; rebuilt when requests arrive
 * or are purged, and on any other instance from the database's sealed entries.
 */

type IndexDoc = {
  /** searchIndexStamp when built. */
  stamp: string;
  items: SearchItem[];
  duplicates: [string, string[]][];
  /** What was searched, by the opaque token that stands for it in URLs. */
  searches: Record<string, string>;
};

type Cached = { sealed: Buffer; lastUsedMs: number };

/** Every session's index in this process, by session id. */
const cache = new Map<string, Cached>();
/** Past this many sessions, the longest unused index is dropped (it is rebuilt if needed). */
const MAX_SESSIONS = 200;
const MAX_SEARCHES = 50;
onSessionsEnded((ids) => ids.forEach((id) => cache.delete(id)));

const NONCE = 12;
const AAD = Buffer.from('clinic-site inbox search index v1');

function seal(key: Uint8Array, doc: IndexDoc): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(AAD);
  return Buffer.concat([
    nonce,
    cipher.update(JSON.stringify(doc), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

function open(key: Uint8Array, sealed: Buffer): IndexDoc | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - 16));
    const body = sealed.subarray(NONCE, sealed.byteLength - 16);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as IndexDoc;
  } catch {
    return null;
  }
}

/** The index as one request uses it; `save` puts it back (sealed) after a change. */
export type SessionIndex = {
  items: SearchItem[];
  /** Other requests sharing this one's phone or e-mail, by their numbers. */
  duplicates: Map<string, string[]>;
  /** Whether this request built the index (the first search of a session). */
  built: boolean;
  /** The query a token stands for, or null when unknown (another instance, or the session ended). */
  searchOf(token: string): string | null;
  /** A new opaque token for this query, kept in the index. */
  remember(query: string): string;
  save(): void;
};

/** Ends every index in this process (tests; a real process drops them per session). */
export function dropAllSessionIndexes(): void {
  cache.clear();
}

/** Whether this session has an index in memory (tests: it is dropped at sign-out). */
export function hasSessionIndex(sessionId: string): boolean {
  return cache.has(sessionId);
}

/**
 * This session's index, opened, or built (and the missing entries made) when there is none or
 * requests arrived since.
 * @example const index = await sessionIndex(c, deps, now); const ids = searchItems(index.items, 'nunez');
 */
export async function sessionIndex(c: Context, deps: InboxDeps, at: Date): Promise<SessionIndex> {
  const sessionId = c.get('staff').sessionId;
  const idleMs = deps.session?.idleMs ?? DEFAULT_SESSION_POLICY.idleMs;
  const nowMs = at.getTime();
  for (const [id, entry] of cache) if (nowMs - entry.lastUsedMs > idleMs) cache.delete(id);
  const key = sessionCacheKey(c, 'inbox search index');
  const cached = cache.get(sessionId);
  let doc = cached ? open(key, cached.sealed) : null;
  const stamp = await searchIndexStamp(deps.db);
  let built = false;
  if (!doc || doc.stamp !== stamp) {
    doc = await buildDoc(c, deps, at, stamp, doc?.searches ?? {});
    built = true;
  }
  const current = doc;
  const index: SessionIndex = {
    items: current.items,
    duplicates: new Map(current.duplicates),
    built,
    searchOf: (token) => (Object.hasOwn(current.searches, token) ? (current.searches[token] ?? null) : null),
    remember(query) {
      const found = Object.entries(current.searches).find(([, q]) => q === query);
      if (found) return found[0];
      const token = randomBytes(9).toString('base64url');
      const kept = Object.entries(current.searches).slice(-(MAX_SEARCHES - 1));
      current.searches = Object.fromEntries([...kept, [token, query]]);
      return token;
    },
    save() {
      cache.delete(sessionId);
      cache.set(sessionId, { sealed: seal(key, current), lastUsedMs: nowMs });
      while (cache.size > MAX_SESSIONS) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
    },
  };
  if (built || !cached) index.save();
  else cached.lastUsedMs = nowMs;
  return index;
}

async function buildDoc(
  c: Context,
  deps: InboxDeps,
  at: Date,
  stamp: string,
  searches: Record<string, string>,
): Promise<IndexDoc> {
  const privateKey = await getSessionPrivateKey(c);
  try {
    const searchKey = await openSearchKey(deps.db, privateKey, at);
    if (!searchKey) return { stamp, items: [], duplicates: [], searches };
    try {
      const items = (await loadSearchEntries(deps.db, searchKey, privateKey)).map(searchItemOf);
      return { stamp, items, duplicates: [...duplicatesOf(items)], searches };
    } finally {
      searchKey.key.fill(0);
    }
  } finally {
    privateKey.fill(0);
  }
}
