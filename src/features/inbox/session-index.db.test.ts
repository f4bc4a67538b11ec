import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import { insertTestRequest, type StoredTestRequest } from '../../../tests/setup/inbox-fixtures.ts';
import { fieldValue } from '../../../tests/setup/staff.ts';
import { purgeExpiredRequests } from '../requests/index.ts';

// The session's search index follows arrivals and purges without reading every request again
// (docs/decisions/0010-inbox-search-over-sealed-data.md). What shows it from outside: a request
// indexed before an arrival and not shown keeps its stored entry untouched (a rebuild would open
// that entry again, find it does not open, and write it anew).

let w: InboxWorld;
const hoursAgo = (h: number) => new Date(w.clock.now().getTime() - h * 3_600_000);
let early: StoredTestRequest;
let old: StoredTestRequest;

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
const search = async (q: string) => {
  // A page that lists nothing (nobody is assigned to the coordinator): only the search lists rows.
  const page = await w.as.coordinator.get('/staff/?view=mine');
  const res = await w.as.coordinator.post('/staff/search', {
    csrf: fieldValue(page.html, 'csrf'),
    q,
    view: 'all',
  });
  return references((await w.as.coordinator.follow(res.res.headers.get('location') ?? '')).html);
};
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
    const late = await insertTestRequest(w.t.db, {
      receivedAt: hoursAgo(5),
      fields: { givenName: 'Tardía', familyName: 'Demora', tel: '+12135550104', email: null },
    });
    expect(await search('demora')).toEqual([late.reference]);
    expect(await search('olvera')).toEqual([early.reference]);
  });
});
