import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import { insertTestRequest, type StoredTestRequest } from '../../../tests/setup/inbox-fixtures.ts';
import { fieldValue, signIn, staffBrowser, type StaffBrowser } from '../../../tests/setup/staff.ts';
import { purgeExpiredRequests } from '../requests/index.ts';

// The session's search index follows arrivals and purges without reading every request again
// (docs/decisions/0010-inbox-search-over-sealed-data.md). What shows it from outside: a request
// indexed before an arrival and not shown keeps its stored entry untouched (a rebuild would open
// that entry again, find it does not open, and write it anew).

let w: InboxWorld;
const hoursAgo = (h: number) => new Date(w.clock.now().getTime() - h * 3_600_000);
let early: StoredTestRequest;
let old: StoredTestRequest;
let late: StoredTestRequest;

beforeAll(async () => {
  w = await inboxWorld();
  early = await insertTestRequest(w.t.db, {
    receivedAt: hoursAgo(10),
    fields: { givenName: 'Marta', familyName: 'Olvera', tel: '+12135550101', email: null },
  });
  old = await insertTestRequest(w.t.db, {
    receivedAt: new Date(w.clock.now().getTime() - 400 * 86_400_000),
    status: 'closed',
    fields: { givenName: 'Hugo', familyName: 'Retiro', tel: '+12135550102', email: null },
  });
});
afterAll(() => w.t.close());

const references = (html: string) =>
  parse(html)
    .querySelectorAll('li.request-card .reference')
    .map((el) => el.text.trim());
const search = async (q: string, as: StaffBrowser = w.as.coordinator) => {
  // A page that lists nothing (nobody is assigned to the coordinator): only the search lists rows.
  const page = await as.get('/staff/?view=mine');
  const res = await as.post('/staff/search', {
    csrf: fieldValue(page.html, 'csrf'),
    q,
    view: 'all',
  });
  return references((await as.follow(res.res.headers.get('location') ?? '')).html);
};
/** A new session of the admin: its first page builds its index. */
const freshSession = async () => {
  const b = staffBrowser(w.t.app);
  expect((await signIn(b, w.members.admin, w.clock)).res.status).toBe(303);
  return b;
};
const snapshotHex = async () =>
  (await w.t.db.query<{ t: string }>("SELECT encode(sealed, 'hex') AS t FROM request_search_snapshots"))[0]
    ?.t;
const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const storedEntry = async (id: string) =>
  (
    await w.t.db.query<{ t: string }>(
      "SELECT encode(sealed, 'hex') AS t FROM request_search_entries WHERE request_id = $1",
      [id],
    )
  )[0]?.t;

describe('the session search index', () => {
  it('adds a request that arrives to the index it has, without reading the others again', async () => {
    expect(await search('olvera')).toEqual([early.reference]);
    // Spoil the stored entry of a request already in the session's index.
    await w.t.db.query(
      "UPDATE request_search_entries SET sealed = decode(repeat('00', 40), 'hex') WHERE request_id = $1",
      [early.id],
    );
    const spoiled = await storedEntry(early.id);
    w.clock.advance(60_000);
    const arrived = await insertTestRequest(w.t.db, {
      receivedAt: w.clock.now(),
      fields: { givenName: 'Nora', familyName: 'Llegada', tel: '+12135550103', email: null },
    });
    expect(await search('llegada')).toEqual([arrived.reference]);
    expect(await storedEntry(early.id)).toBe(spoiled);
    // Still found from the session's index; shown, its entry is made anew from the request.
    expect(await search('olvera')).toEqual([early.reference]);
    expect(await storedEntry(early.id)).not.toBe(spoiled);
    // The list shows the new row's details from its own entry.
    const list = await w.as.coordinator.get('/staff/?view=all&sort=newest');
    expect(parse(list.html).querySelector('li.request-card')?.text).toContain('Nora Llegada');
  });

  it('drops a purged request from the index', async () => {
    expect(await search('retiro')).toEqual([old.reference]);
    expect(
      await purgeExpiredRequests(w.t.db, { now: w.clock.now(), retentionDays: 365, trigger: 'daily-job' }),
    ).toEqual([old.id]);
    expect(await search('retiro')).toEqual([]);
  });

  it('rebuilds when a request appears below its high-water mark (committed late)', async () => {
    late = await insertTestRequest(w.t.db, {
      receivedAt: hoursAgo(5),
      fields: { givenName: 'Tardía', familyName: 'Demora', tel: '+12135550104', email: null },
    });
    expect(await search('demora')).toEqual([late.reference]);
    expect(await search('olvera')).toEqual([early.reference]);
  });

  it("starts a new session's index from the clinic's sealed snapshot, not from every entry", async () => {
    await freshSession(); // brings the snapshot up to date with the requests so far
    const stored = await snapshotHex();
    expect(stored).toBeDefined();
    for (const clear of ['olvera', 'Olvera', '2135550101', 'llegada'])
      expect(stored).not.toContain(hexOf(clear));
    // Spoil the entry of a request the search below does not show: opening every entry would
    // find it does not open and write it anew; the snapshot leaves it alone.
    await w.t.db.query(
      "UPDATE request_search_entries SET sealed = decode(repeat('00', 40), 'hex') WHERE request_id = $1",
      [late.id],
    );
    const spoiled = await storedEntry(late.id);
    expect(await search('olvera', await freshSession())).toEqual([early.reference]);
    expect(await storedEntry(late.id)).toBe(spoiled);
  });

  it('rebuilds from the entries when the snapshot does not open', async () => {
    await w.t.db.query("UPDATE request_search_snapshots SET sealed = decode(repeat('00', 64), 'hex')");
    expect(await search('olvera', await freshSession())).toEqual([early.reference]);
    expect(await snapshotHex()).not.toBe('00'.repeat(64));
  });

  it('deletes the snapshot with the details a purge deletes, and a new session never finds them', async () => {
    const gone = await insertTestRequest(w.t.db, {
      receivedAt: new Date(w.clock.now().getTime() - 500 * 86_400_000),
      status: 'closed',
      fields: { givenName: 'Olga', familyName: 'Caducada', tel: '+12135550105', email: null },
    });
    expect(await search('caducada', await freshSession())).toEqual([gone.reference]);
    expect(await snapshotHex()).toBeDefined();
    expect(
      await purgeExpiredRequests(w.t.db, { now: w.clock.now(), retentionDays: 365, trigger: 'daily-job' }),
    ).toEqual([gone.id]);
    expect(await snapshotHex()).toBeUndefined();
    expect(await search('caducada', await freshSession())).toEqual([]);
    expect(await search('olvera', await freshSession())).toEqual([early.reference]);
  });
});
