import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import {
  DEFAULT_SESSION_POLICY,
  getSessionPrivateKey,
  onSessionsEnded,
  sessionCacheKey,
} from '../auth/index.ts';
import {
  loadSearchEntries,
  loadSearchSnapshot,
  openSearchEntries,
  openSearchKey,
  requestsPurgedSince,
  saveSearchSnapshot,
  searchIndexStamp,
  type SearchEntry,
  type SearchIndexStamp,
  type SearchKey,
} from '../requests/index.ts';
import type { InboxDeps } from './http.ts';
import { duplicatesOf, searchItemOf, searchItems, type SearchItem } from './search.ts';

/**
 * The session's search index (docs/decisions/0010-inbox-search-over-sealed-data.md): the folded
 * name, phone and e-mail of every request, built the first time a session lists or searches,
 * kept in this process's memory only, encrypted (AES-256-GCM) under a key derived from the
 * session's cookie secret, so between requests it is ciphertext no other session can open.
 * Dropped when the session ends here (sign-out, expiry) or after the idle time. Brought up to date
 * incrementally: requests that arrived since its high-water mark are added, purged ones dropped;
 * any other change (a late commit, a restore) rebuilds it from the database's sealed entries.
 *
 * A session's first index comes from the clinic's search snapshot (one sealed blob of every
 * request's item, see requests/search-snapshot.ts) brought up to date the same way, and is
 * written back when it moved; only without a usable snapshot is every entry opened.
 *
 * Two sealed parts, so a page opens only what it needs: the small part (the search key, the
 * duplicates, the searches by token) on every page; the searchable items only to search.
 * Rows shown get their details from their sealed entries in the database, opened with the
 * search key: no page opens every request.
 */

type Meta = {
  stamp: SearchIndexStamp;
  /** The clinic search key (base64) and the clinic key it belongs to; null before set-up. */
  searchKey: { clinicKeyId: string; key: string } | null;
  duplicates: [string, string[]][];
  /** What was searched, by the opaque token that stands for it in URLs. */
  searches: Record<string, string>;
};

type Cached = { meta: Buffer; items: Buffer; lastUsedMs: number };

/** Every session's index in this process, by session id. */
const cache = new Map<string, Cached>();
/** Past this many sessions, the longest unused index is dropped (it is rebuilt if needed). */
const MAX_SESSIONS = 200;
const MAX_SEARCHES = 50;
onSessionsEnded((ids) => ids.forEach((id) => cache.delete(id)));

const NONCE = 12;
const META_AAD = Buffer.from('clinic-site inbox search index v2 meta');
const ITEMS_AAD = Buffer.from('clinic-site inbox search index v2 items');

function seal(key: Uint8Array, aad: Buffer, value: unknown): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([
    nonce,
    cipher.update(JSON.stringify(value), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

function open<T>(key: Uint8Array, aad: Buffer, sealed: Buffer): T | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - 16));
    const body = sealed.subarray(NONCE, sealed.byteLength - 16);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** An item as the sealed part keeps it: compact, so opening it per search stays cheap. */
type PackedItem = [id: string, reference: string, name: string, tel: string, email: string];
const pack = (i: SearchItem): PackedItem => [i.id, i.reference, i.name, i.tel, i.email];
const unpack = ([id, reference, name, tel, email]: PackedItem): SearchItem => ({
  id,
  reference,
  name,
  tel,
  email,
});
const isPackedItems = (value: unknown): value is PackedItem[] =>
  Array.isArray(value) &&
  value.every((item) => Array.isArray(item) && item.length === 5 && item.every((v) => typeof v === 'string'));

/** The index as one request uses it; `save` puts it back (sealed) after a change. */
export type SessionIndex = {
  /** Other requests sharing this one's phone or e-mail, by their numbers. */
  duplicates: Map<string, string[]>;
  /** Whether this request built the index from every entry (the first search of a session). */
  built: boolean;
  /** The ids of the requests a query finds, in index order. */
  search(query: string): string[];
  /** The opened search entries of these requests (the rows a page shows). */
  entries(ids: string[]): Promise<Map<string, SearchEntry>>;
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

/** The token of a query among the searches kept (a new one if it is not there yet). */
function rememberIn(meta: Meta, query: string): string {
  const found = Object.entries(meta.searches).find(([, q]) => q === query);
  if (found) return found[0];
  const token = randomBytes(9).toString('base64url');
  const kept = Object.entries(meta.searches).slice(-(MAX_SEARCHES - 1));
  meta.searches = Object.fromEntries([...kept, [token, query]]);
  return token;
}

const dropIdle = (nowMs: number, idleMs: number) => {
  for (const [id, entry] of cache) if (nowMs - entry.lastUsedMs > idleMs) cache.delete(id);
};

/**
 * The session's kept searches alone, for the search form's redirect: with an index in memory,
 * only its small part is opened and sealed again (no stamp read, no update: the list page the
 * redirect leads to does that once); without one, the whole index is made, as the list would.
 * @example const searches = await sessionSearches(c, deps, now); const token = searches.remember(q);
 */
export async function sessionSearches(
  c: Context,
  deps: InboxDeps,
  at: Date,
): Promise<Pick<SessionIndex, 'remember' | 'save'>> {
  const sessionId = c.get('staff').sessionId;
  dropIdle(at.getTime(), deps.session?.idleMs ?? DEFAULT_SESSION_POLICY.idleMs);
  const cached = cache.get(sessionId);
  const key = sessionCacheKey(c, 'inbox search index');
  const meta = cached ? open<Meta>(key, META_AAD, cached.meta) : null;
  if (!cached || !meta) return sessionIndex(c, deps, at);
  return {
    remember: (query) => rememberIn(meta, query),
    save() {
      cache.delete(sessionId);
      cache.set(sessionId, { ...cached, meta: seal(key, META_AAD, meta), lastUsedMs: at.getTime() });
    },
  };
}

const sameStamp = (a: SearchIndexStamp, b: SearchIndexStamp) =>
  a.live === b.live && a.lastArrival === b.lastArrival && a.lastPurge === b.lastPurge;

/**
 * This session's index, opened, or built (and the missing entries made) when there is none, or
 * brought up to date when requests arrived or were purged since.
 * @example const index = await sessionIndex(c, deps, now); const ids = index.search('nunez');
 */
export async function sessionIndex(c: Context, deps: InboxDeps, at: Date): Promise<SessionIndex> {
  const sessionId = c.get('staff').sessionId;
  const idleMs = deps.session?.idleMs ?? DEFAULT_SESSION_POLICY.idleMs;
  const nowMs = at.getTime();
  dropIdle(nowMs, idleMs);
  const key = sessionCacheKey(c, 'inbox search index');
  const privateKey = () => getSessionPrivateKey(c);
  const cached = cache.get(sessionId);
  let meta = cached ? open<Meta>(key, META_AAD, cached.meta) : null;
  let items: SearchItem[] | null = null;
  let sealedItems = cached?.items ?? null;
  const openItems = (): SearchItem[] => {
    items ??= (sealedItems && open<PackedItem[]>(key, ITEMS_AAD, sealedItems)?.map(unpack)) || [];
    return items;
  };
  const stamp = await searchIndexStamp(deps.db);
  const upToDate = async (from: Meta) => {
    if (!from.searchKey) return null;
    const searchKey = searchKeyOf(from.searchKey);
    try {
      return await bringUpToDate(deps, searchKey, from.stamp, openItems(), stamp, privateKey);
    } finally {
      searchKey.key.fill(0);
    }
  };
  const searches = meta?.searches ?? {};
  let built = false;
  let changed = false;
  if (meta && sealedItems && !sameStamp(meta.stamp, stamp)) {
    const updated = await upToDate(meta);
    if (updated) {
      items = updated;
      meta.duplicates = [...duplicatesOf(updated)];
      meta.stamp = stamp;
      changed = true;
    } else meta = null;
  }
  if (!meta || !sealedItems) {
    const fresh = await buildIndex(deps, at, stamp, privateKey);
    items = fresh.items;
    meta = { stamp, searchKey: fresh.searchKey, duplicates: [...duplicatesOf(fresh.items)], searches };
    built = true;
    changed = true;
  }
  const current = meta;
  const searchKey: SearchKey | null = current.searchKey && searchKeyOf(current.searchKey);
  const index: SessionIndex = {
    duplicates: new Map(current.duplicates),
    built,
    search: (query) => searchItems(openItems(), query),
    entries: async (ids) => (searchKey ? openSearchEntries(deps.db, searchKey, privateKey, ids) : new Map()),
    searchOf: (token) => (Object.hasOwn(current.searches, token) ? (current.searches[token] ?? null) : null),
    remember: (query) => rememberIn(current, query),
    save() {
      // Only what changed is sealed again: a new search re-seals the small part alone.
      if (changed) sealedItems = seal(key, ITEMS_AAD, openItems().map(pack));
      changed = false;
      cache.delete(sessionId);
      cache.set(sessionId, {
        meta: seal(key, META_AAD, current),
        items: sealedItems ?? seal(key, ITEMS_AAD, []),
        lastUsedMs: nowMs,
      });
      while (cache.size > MAX_SESSIONS) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
    },
  };
  if (changed || !cached) index.save();
  else cached.lastUsedMs = nowMs;
  return index;
}

const searchKeyOf = (kept: NonNullable<Meta['searchKey']>): SearchKey => ({
  clinicKeyId: kept.clinicKeyId,
  key: Buffer.from(kept.key, 'base64'),
});

/**
 * Every request's item: the clinic's snapshot brought up to date (one HPKE open for the search
 * key, one AES open for the snapshot, the arrivals since), written back when it moved. Without a
 * usable snapshot, from the sealed entries: one AES open per request, and an HPKE open per
 * request only for those no session indexed yet.
 */
async function buildIndex(
  deps: InboxDeps,
  at: Date,
  stamp: SearchIndexStamp,
  privateKey: () => Promise<Uint8Array>,
): Promise<{ items: SearchItem[]; searchKey: Meta['searchKey'] }> {
  const clinicKey = await privateKey();
  let searchKey: SearchKey | null;
  try {
    searchKey = await openSearchKey(deps.db, clinicKey, at);
  } finally {
    clinicKey.fill(0);
  }
  if (!searchKey) return { items: [], searchKey: null };
  try {
    const snapshot = await loadSearchSnapshot(deps.db, searchKey);
    const kept = snapshot && isPackedItems(snapshot.items) ? snapshot.items.map(unpack) : null;
    const asStored = snapshot !== null && kept !== null && sameStamp(snapshot.stamp, stamp);
    let items = asStored
      ? kept
      : snapshot && kept && (await bringUpToDate(deps, searchKey, snapshot.stamp, kept, stamp, privateKey));
    items ||= (await loadSearchEntries(deps.db, searchKey, privateKey)).map(searchItemOf);
    // Kept only when it matches the stamp this page read (nothing arrived or left meanwhile).
    if (!asStored && items.length === stamp.live) {
      await saveSearchSnapshot(deps.db, searchKey, { stamp, items: items.map(pack) }, at);
    }
    return {
      items,
      searchKey: { clinicKeyId: searchKey.clinicKeyId, key: Buffer.from(searchKey.key).toString('base64') },
    };
  } finally {
    searchKey.key.fill(0);
  }
}

/**
 * The items after the arrivals since the stamp's high-water mark and the purges since its last
 * purge, or null when that does not account for the database's count (a request committed late
 * with an earlier arrival time, a restore): the caller then rebuilds from every entry.
 */
async function bringUpToDate(
  deps: InboxDeps,
  searchKey: SearchKey,
  from: SearchIndexStamp,
  items: SearchItem[],
  stamp: SearchIndexStamp,
  privateKey: () => Promise<Uint8Array>,
): Promise<SearchItem[] | null> {
  const purged =
    stamp.lastPurge !== from.lastPurge
      ? new Set(await requestsPurgedSince(deps.db, from.lastPurge))
      : new Set<string>();
  const kept = items.filter((item) => !purged.has(item.id));
  const known = new Set(kept.map((item) => item.id));
  // An arrival at the very instant of the mark is not read: the count below then rebuilds.
  const since = from.lastArrival === null ? null : new Date(from.lastArrival);
  const arrived = (await loadSearchEntries(deps.db, searchKey, privateKey, since))
    .filter((request) => !known.has(request.id))
    .map(searchItemOf);
  const next = [...kept, ...arrived];
  return next.length === stamp.live ? next : null;
}
