import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import { openForm, sendForm, validAnswers } from '../../../tests/setup/request-form.ts';
import { signIn } from '../../../tests/setup/staff.ts';
import { TEST_SITE_URL } from '../../../tests/setup/test-app.ts';
import { rollupDirtyDays } from './queries/rollup.ts';
import { buildReport } from './report.ts';
import { resolveRange } from './range.ts';
import { BROWSER_UA, DESKTOP_UA, type Hit } from './test-fixtures.ts';

// The campaign a request records is the one of the visit it was sent in, found by the same
// cookieless visitor hash the dashboard counts with; the inbox and the dashboard agree.
let w: InboxWorld;
const TABLET_UA =
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const MINUTE = 60_000;

beforeAll(async () => {
  w = await inboxWorld();
});
afterAll(() => w.t.close());

const event = async (hit: Hit, userAgent: string) => {
  const res = await w.t.app.request('/api/event', {
    method: 'POST',
    body: JSON.stringify(hit),
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: TEST_SITE_URL, 'user-agent': userAgent },
  });
  expect(res.status).toBe(202);
};

/** Opens the form, waits like a person, and sends it with this browser's user agent. */
async function sendRequest(userAgent: string): Promise<string> {
  const fetcher = (path: string, init?: RequestInit) => Promise.resolve(w.t.app.request(path, init));
  const headers = { 'user-agent': userAgent, referer: `${TEST_SITE_URL}/en/risks-and-benefits` };
  const form = await openForm(fetcher, '/en/request', headers);
  w.clock.advance(2 * MINUTE);
  const res = await sendForm(fetcher, '/en/request', form, validAnswers(), { headers });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location') ?? '', TEST_SITE_URL).searchParams.get('ref') ?? '';
}

/** Waits (real time: the batch writer's timer) until `count` events are in the table. */
async function eventsStored(count: number): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    const [row] = await w.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events');
    if (row?.n === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the ${count} events were not written within 5 s`);
}

type Row = {
  id: string;
  reference: string;
  source_page: string | null;
  landing_page: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
};
const requestRow = async (reference: string) =>
  (await w.t.db.query<Row>('SELECT * FROM requests WHERE reference = $1', [reference]))[0];

describe('the campaign of a request', () => {
  let adVisit: string;
  let lateVisit: string;
  let untracked: string;

  beforeAll(async () => {
    // An ad click lands on a guide, the visitor reads another page, then sends the form.
    await event(
      {
        n: 'pageview',
        u: '/en/how-it-works?utm_source=Google&utm_medium=CPC&utm_campaign=Spring_Ad&utm_term=back+pain&utm_content=v2',
        r: 'https://www.google.com',
      },
      BROWSER_UA,
    );
    w.clock.advance(3 * MINUTE);
    await event({ n: 'pageview', u: '/en/risks-and-benefits' }, BROWSER_UA);
    w.clock.advance(MINUTE);
    await event({ n: 'pageview', u: '/en/request' }, BROWSER_UA);
    await event({ n: 'form_start', u: '/en/request' }, BROWSER_UA);
    adVisit = await sendRequest(BROWSER_UA);
    await event({ n: 'form_submitted', u: '/en/request' }, BROWSER_UA);

    // Another browser came from a radio short link, left for 40 minutes, then came back without
    // a campaign and sent the form: a new visit, as the dashboard counts it.
    await event({ n: 'pageview', u: '/es/?utm_source=radio&utm_medium=audio&utm_campaign=kxla' }, DESKTOP_UA);
    w.clock.advance(40 * MINUTE);
    await event({ n: 'pageview', u: '/en/request' }, DESKTOP_UA);
    lateVisit = await sendRequest(DESKTOP_UA);
    await event({ n: 'form_submitted', u: '/en/request' }, DESKTOP_UA);

    // A browser analytics never saw (no script, or tracking refused): no campaign at all.
    untracked = await sendRequest(TABLET_UA);
    // A post writes only its own visitor's waiting events; the rest go with the next batch,
    // within a second, as the upkeep would find them.
    await eventsStored(8);
    await rollupDirtyDays(w.t.db);
  });

  it('is the landing page and the five UTM values of the visit it was sent in', async () => {
    expect(await requestRow(adVisit)).toMatchObject({
      source_page: '/en/risks-and-benefits',
      landing_page: '/en/how-it-works',
      utm_source: 'google',
      utm_medium: 'cpc',
      campaign: 'spring_ad',
      utm_term: 'back pain',
      utm_content: 'v2',
    });
    expect(await requestRow(lateVisit)).toMatchObject({
      landing_page: '/en/request',
      campaign: null,
      utm_source: null,
    });
    expect(await requestRow(untracked)).toMatchObject({
      source_page: '/en/risks-and-benefits',
      landing_page: null,
      campaign: null,
    });
  });

  it('is the same in the inbox and on the dashboard', async () => {
    // The visits took longer than a staff session may sit idle.
    expect((await signIn(w.as.coordinator, w.members.coordinator, w.clock)).res.status).toBe(303);
    const row = await requestRow(adVisit);
    const page = parse((await w.as.coordinator.get(`/staff/requests/${row?.id}`)).html);
    const described = Object.fromEntries(
      page.querySelectorAll('dt').map((dt) => [dt.text, dt.nextElementSibling?.text.trim()]),
    );
    expect(described).toMatchObject({
      Campaign: 'google / cpc / spring_ad, term back pain, content v2',
      'Landing page': '/en/how-it-works',
      'Form opened from': '/en/risks-and-benefits',
    });
    const late = parse(
      (await w.as.coordinator.get(`/staff/requests/${(await requestRow(lateVisit))?.id}`)).html,
    );
    expect(late.querySelectorAll('dt').find((dt) => dt.text === 'Campaign')?.nextElementSibling?.text).toBe(
      'None',
    );

    const today = w.clock.now().toISOString().slice(0, 10);
    const range = resolveRange({ kind: 'custom', from: today, to: today }, today);
    if ('error' in range) throw new Error(range.error);
    const report = await buildReport(w.t.db, range, { timeZone: 'America/Los_Angeles' });
    expect(report.conversionByCampaign).toEqual([
      { value: 'kxla', visits: 1, conversions: 0, conversionRate: 0 },
      { value: 'spring_ad', visits: 1, conversions: 1, conversionRate: 100 },
    ]);
    expect(report.funnel.at(-1)).toMatchObject({ step: 'request_sent', visits: 2 });
  });
});
