import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { createLogger } from '../../lib/logger.ts';
import type { AnalyticsEvent } from './event.ts';
import { pageviewEvent } from '../../../tests/setup/analytics-events.ts';
import { createAnalyticsIngest, type AnalyticsIngest } from './ingest.ts';
import { insertEvents } from './queries/insert-events.ts';
import { createVisitFinder, VISIT_GAP_MINUTES } from './visit-entry.ts';
import { localDay, visitorId } from './visitor-id.ts';

// The visit a post is sent in, read from the events as the rollup splits them into visits.
let db: TestDatabase;
let ingest: AnalyticsIngest;
let find: ReturnType<typeof createVisitFinder>;
const SITE = 'https://clinic.test';
const TZ = 'America/Los_Angeles';
const MINUTE = 60_000;
const GAP = VISIT_GAP_MINUTES * MINUTE;
// 14:00 in Los Angeles: the whole day before it is the same clinic day.
const NOW = new Date('2026-12-02T22:00:00Z');
const DAY = localDay(NOW, TZ);
const at = (msBefore: number) => new Date(NOW.getTime() - msBefore);

beforeAll(async () => {
  db = await openTestDatabase();
  // No timer: events stay buffered until something flushes them.
  ingest = createAnalyticsIngest({ db, logger: createLogger('silent'), writer: { flushMs: 3_600_000 } });
  find = createVisitFinder({ db, ingest, siteUrl: SITE, timeZone: TZ });
});
afterAll(() => db.close());

let browsers = 0;
/** A browser of its own (address), and the visitor id the collector gives it today. */
async function browser(): Promise<{ address: string; id: string }> {
  const address = `198.51.100.${++browsers}`;
  const salt = await ingest.salts.saltFor(DAY);
  return { address, id: visitorId({ salt, site: SITE, address, userAgent: 'test agent' }) };
}

const event = (id: string, occurredAt: Date, path: string, campaign: string | null = null) =>
  pageviewEvent({
    occurredAt,
    day: localDay(occurredAt, TZ),
    visitorId: id,
    path,
    pageKind: 'education',
    utmSource: campaign ? 'mail' : null,
    utmCampaign: campaign,
  });
const store = (events: AnalyticsEvent[]) => db.rawTransaction((sql) => insertEvents(sql, events));
const visitOf = (address: string, now = NOW) => find({ address, userAgent: 'test agent', now });

describe('the visit a post is sent in', () => {
  it('begins at the first event reached walking back in steps of at most 30 minutes', async () => {
    const me = await browser();
    const other = await browser();
    await store([
      event(me.id, at(5 * 60 * MINUTE), '/en/earlier-visit', 'old'),
      // A visit of more than two hours, each step under 30 minutes, others' events between.
      event(me.id, at(130 * MINUTE), '/en/how-it-works', 'spring'),
      event(other.id, at(120 * MINUTE), '/en/other', 'theirs'),
      event(me.id, at(105 * MINUTE), '/en/risks'),
      event(me.id, at(80 * MINUTE), '/en/recovery'),
      event(other.id, at(20 * MINUTE), '/en/other'),
      event(me.id, at(52 * MINUTE), '/en/cost'),
      event(me.id, at(25 * MINUTE), '/en/request'),
    ]);
    expect(await visitOf(me.address)).toEqual({
      landingPage: '/en/how-it-works',
      utmSource: 'mail',
      utmMedium: null,
      utmCampaign: 'spring',
      utmTerm: null,
      utmContent: null,
    });
    expect((await visitOf(other.address))?.landingPage).toBe('/en/other');
  });

  it('goes on over a gap of exactly 30 minutes and stops at a longer one', async () => {
    const me = await browser();
    await store([
      event(me.id, at(3 * GAP + 1), '/en/before-the-longer-gap', 'no'),
      event(me.id, at(2 * GAP), '/en/landing', 'yes'),
      event(me.id, at(GAP), '/en/middle'),
      event(me.id, at(0), '/en/request'),
    ]);
    expect(await visitOf(me.address)).toMatchObject({ landingPage: '/en/landing', utmCampaign: 'yes' });
  });

  it('is over when the last event is more than 30 minutes old', async () => {
    const me = await browser();
    await store([event(me.id, at(GAP), '/en/landing', 'spring')]);
    expect(await visitOf(me.address)).toMatchObject({ utmCampaign: 'spring' });
    expect(await visitOf(me.address, new Date(NOW.getTime() + 1))).toBeNull();
  });

  it('counts an event stamped a little after the post (another clock) and none of another day', async () => {
    const me = await browser();
    const yesterday = new Date(NOW.getTime() - 24 * 60 * MINUTE);
    await store([
      { ...event(me.id, yesterday, '/en/yesterday', 'old'), day: localDay(yesterday, TZ) },
      event(me.id, new Date(NOW.getTime() + 2_000), '/en/ahead', 'ahead'),
    ]);
    expect(await visitOf(me.address)).toMatchObject({ landingPage: '/en/ahead' });
    expect(await visitOf((await browser()).address)).toBeNull();
  });

  it('of two events at the same time, begins at the first stored', async () => {
    const me = await browser();
    await store([event(me.id, at(10 * MINUTE), '/en/first', 'first')]);
    await store([event(me.id, at(10 * MINUTE), '/en/second', 'second')]);
    expect(await visitOf(me.address)).toMatchObject({ landingPage: '/en/first' });
  });

  it("includes this process's events not written yet", async () => {
    const me = await browser();
    expect(ingest.writer.add(event(me.id, at(MINUTE), '/en/buffered', 'buffered'))).toBe(true);
    expect(await visitOf(me.address)).toMatchObject({ landingPage: '/en/buffered', utmCampaign: 'buffered' });
  });

  it("leaves other visitors' waiting events in the batch", async () => {
    const me = await browser();
    const other = await browser();
    await store([event(me.id, at(MINUTE), '/en/stored', 'mine')]);
    ingest.writer.add(event(other.id, at(MINUTE), '/en/waiting', 'theirs'));
    expect(await visitOf(me.address)).toMatchObject({ landingPage: '/en/stored' });
    expect(ingest.writer.buffered).toBe(1);
    expect(await visitOf(other.address)).toMatchObject({ landingPage: '/en/waiting' });
    expect(ingest.writer.buffered).toBe(0);
  });

  it('waits for a batch of its events that is being written', async () => {
    // A writer whose transaction starts only when the gate opens: its batch is out of the
    // buffer and not yet in the table while the post looks for its visit.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: TestDatabase = {
      ...db,
      rawTransaction: async (fn) => gate.then(() => db.rawTransaction(fn)),
    };
    const slow = createAnalyticsIngest({
      db: gated,
      logger: createLogger('silent'),
      writer: { flushMs: 3_600_000 },
    });
    const findSlow = createVisitFinder({ db, ingest: slow, siteUrl: SITE, timeZone: TZ });
    const me = await browser();
    slow.writer.add(event(me.id, at(MINUTE), '/en/in-flight', 'in-flight'));
    const writing = slow.writer.flush();
    while (slow.writer.buffered > 0) await new Promise((resolve) => setImmediate(resolve));
    const found = findSlow({ address: me.address, userAgent: 'test agent', now: NOW });
    setTimeout(open, 50);
    expect(await found).toMatchObject({ landingPage: '/en/in-flight' });
    await writing;
  });
});
