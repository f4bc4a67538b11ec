import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../../tests/setup/test-db.ts';
import type { Filters } from '../filters.ts';
import { listCampaignBreakdowns, listCampaignSeries, sumCampaignTotals } from './campaign-rollup.ts';
import { rollupDirtyDays } from './rollup.ts';
import {
  listCampaigns,
  listVisitBreakdowns,
  listVisitSeries,
  sumDailyCampaigns,
  sumVisitTotals,
} from './visits.ts';

// Three days of visits with every shape of campaign values: all three, a missing medium, a
// missing campaign, a campaign alone, none; one visitor coming twice the same day for the same
// campaign by two sources, and (as a test may, though real ids never repeat) the same id the
// next day. Each figure a campaign filter shows must be what the visits give.
const TZ = 'America/Los_Angeles';
const RANGE = { from: '2025-03-01', to: '2025-03-03' };

type Visit = {
  day: string;
  visitor: string;
  minute: number;
  utm: [string | null, string | null, string | null];
  referrer?: string;
  locale?: 'en' | 'es';
  device?: 'phone' | 'desktop';
  pages: string[];
  goals?: string[];
};

const VISITS: Visit[] = [
  {
    day: '2025-03-01',
    visitor: 'v1',
    minute: 0,
    utm: ['google', 'cpc', 'spring'],
    referrer: 'google.com',
    pages: ['/en/how-it-works', '/en/faq', '/en/request'],
    goals: ['form_start', 'form_submitted'],
  },
  {
    day: '2025-03-01',
    visitor: 'v1',
    minute: 120,
    utm: ['facebook', 'cpc', 'spring'],
    referrer: 'facebook.com',
    pages: ['/en/', '/en/faq'],
    goals: ['phone_click'],
  },
  {
    day: '2025-03-01',
    visitor: 'v2',
    minute: 10,
    utm: ['google', 'cpc', 'spring'],
    device: 'desktop',
    pages: ['/en/how-it-works'],
  },
  {
    day: '2025-03-01',
    visitor: 'v3',
    minute: 20,
    utm: ['google', null, 'spring'],
    locale: 'es',
    pages: ['/es/', '/es/como-funciona'],
    goals: ['language_switch'],
  },
  { day: '2025-03-01', visitor: 'v4', minute: 30, utm: ['newsletter', 'email', null], pages: ['/en/faq'] },
  { day: '2025-03-01', visitor: 'v5', minute: 40, utm: [null, null, null], pages: ['/en/', '/en/faq'] },
  {
    day: '2025-03-02',
    visitor: 'v1',
    minute: 0,
    utm: ['google', 'cpc', 'spring'],
    locale: 'es',
    pages: ['/es/', '/es/solicitud'],
    goals: ['phone_click', 'form_start', 'form_submitted'],
  },
  {
    day: '2025-03-02',
    visitor: 'v6',
    minute: 5,
    utm: ['google', 'cpc', 'autumn'],
    device: 'desktop',
    pages: ['/en/', '/en/faq', '/en/faq'],
  },
  { day: '2025-03-03', visitor: 'v7', minute: 0, utm: [null, null, 'spring'], pages: ['/en/conditions'] },
  {
    day: '2025-03-03',
    visitor: 'v8',
    minute: 50,
    utm: ['google', 'organic', null],
    referrer: 'google.com',
    pages: ['/en/', '/en/request'],
    goals: ['request_click'],
  },
  {
    day: '2025-03-03',
    visitor: 'v2',
    minute: 70,
    utm: ['google', 'cpc', 'spring'],
    pages: ['/en/faq'],
    goals: ['form_start', 'form_error'],
  },
];

// Each visit's events a minute apart, the campaign values and referrer on its first page view.
function eventsOf(v: Visit) {
  const names = [...v.pages.map(() => 'pageview'), ...(v.goals ?? [])];
  return names.map((name, i) => {
    const path = v.pages[Math.min(i, v.pages.length - 1)] as string;
    return {
      occurred_at: new Date(Date.parse(`${v.day}T17:00:00Z`) + (v.minute + i) * 60_000).toISOString(),
      day: v.day,
      visitor_id: v.visitor,
      name,
      path,
      page_kind: /request|solicitud/.test(path) ? 'request' : path.endsWith('/') ? 'home' : 'education',
      locale: v.locale ?? 'en',
      referrer: i === 0 ? (v.referrer ?? null) : null,
      utm_source: i === 0 ? v.utm[0] : null,
      utm_medium: i === 0 ? v.utm[1] : null,
      utm_campaign: i === 0 ? v.utm[2] : null,
      browser: v.device === 'desktop' ? 'Chrome' : 'Safari',
      os: v.device === 'desktop' ? 'Windows' : 'iOS',
      device: v.device ?? 'phone',
      fields: name === 'form_error' ? 'tel' : null,
    };
  });
}

const FILTERS: Filters[] = [
  { campaign: 'spring' },
  { campaign: 'autumn' },
  { source: 'google' },
  { medium: 'cpc' },
  { source: 'google', campaign: 'spring' },
  { medium: 'cpc', campaign: 'spring' },
  { source: 'google', medium: 'cpc' },
  { source: 'google', medium: 'cpc', campaign: 'spring' },
  { source: 'newsletter', medium: 'email' },
  { campaign: 'no-such-campaign' },
];

let db: TestDatabase;

async function addVisits(visits: Visit[]): Promise<void> {
  await db.query(
    `INSERT INTO analytics_events (occurred_at, day, visitor_id, name, path, page_kind, locale, referrer,
       utm_source, utm_medium, utm_campaign, browser, os, device, fields)
     SELECT occurred_at, day, visitor_id, name, path, page_kind, locale, referrer, utm_source, utm_medium,
       utm_campaign, browser, os, device, fields
     FROM json_to_recordset($1::json) AS e(occurred_at timestamptz, day date, visitor_id text, name text,
       path text, page_kind text, locale text, referrer text, utm_source text, utm_medium text,
       utm_campaign text, browser text, os text, device text, fields text)`,
    [JSON.stringify(visits.flatMap(eventsOf))],
  );
  await db.query(
    `INSERT INTO analytics_dirty_days (day) SELECT DISTINCT day FROM analytics_events
     ON CONFLICT (day) DO UPDATE SET version = analytics_dirty_days.version + 1`,
  );
  await rollupDirtyDays(db);
}

/** Every figure of a filtered report, read from the campaign rollups and from the visits. */
async function bothPaths(filters: Filters) {
  const [rollups, visits] = await Promise.all([
    Promise.all([
      sumCampaignTotals(db, RANGE, filters),
      listCampaignSeries(db, RANGE, 'day', filters),
      listCampaignSeries(db, RANGE, 'month', filters),
      listCampaignBreakdowns(db, RANGE, filters, 10),
      sumDailyCampaigns(db, RANGE, 10, filters),
    ]),
    Promise.all([
      sumVisitTotals(db, RANGE, filters),
      listVisitSeries(db, RANGE, 'day', filters, TZ),
      listVisitSeries(db, RANGE, 'month', filters, TZ),
      listVisitBreakdowns(db, RANGE, filters, 10),
      listCampaigns(db, RANGE, filters, 10),
    ]),
  ]);
  return { rollups, visits };
}

beforeAll(async () => {
  db = await openTestDatabase();
  await addVisits(VISITS);
});
afterAll(() => db.close());

describe('daily campaign rollups', () => {
  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))(
    'give the figures the visits give for %s',
    async (_name, filters) => {
      const { rollups, visits } = await bothPaths(filters);
      expect(rollups).toEqual(visits);
    },
  );

  it('count a visitor once a day under a campaign, though they came by two sources', async () => {
    const spring = await sumCampaignTotals(db, RANGE, { campaign: 'spring' });
    // v1 twice on the 1st (google, facebook) and once on the 2nd, v2 on the 1st and 3rd, v3, v7.
    expect(spring).toMatchObject({ visitors: 6, visits: 7, bounces: 2, submittedVisits: 2 });
    const b = await listCampaignBreakdowns(db, RANGE, { campaign: 'spring' }, 10);
    expect(b.utm_source?.map((r) => [r.value, r.visitors, r.visits])).toEqual([
      ['google', 5, 5],
      ['facebook', 1, 1],
    ]);
    expect(b.event?.find((r) => r.value === 'phone_click')).toMatchObject({
      visitors: 2,
      visits: 2,
      events: 2,
    });
    expect(
      await sumCampaignTotals(db, RANGE, { source: 'google', medium: 'cpc', campaign: 'autumn' }),
    ).toMatchObject({ visits: 1, pageviews: 3 });
  });

  it('follow a day rolled up again when more of its events arrive', async () => {
    await addVisits([
      { day: '2025-03-03', visitor: 'v9', minute: 200, utm: ['google', 'cpc', 'spring'], pages: ['/en/faq'] },
    ]);
    const totals = await sumCampaignTotals(db, RANGE, {
      source: 'google',
      medium: 'cpc',
      campaign: 'spring',
    });
    expect(totals).toMatchObject({ visitors: 5, visits: 5 });
    const { rollups, visits } = await bothPaths({ campaign: 'spring' });
    expect(rollups).toEqual(visits);
  });

  it('are filled for days already rolled up by the migration that creates them', async () => {
    const written = await db.query(
      'SELECT * FROM analytics_daily_campaign_breakdowns ORDER BY utm_campaign, utm_source, utm_medium, day, dimension, value',
    );
    const totals = await db.query(
      'SELECT * FROM analytics_daily_campaign_totals ORDER BY utm_campaign, utm_source, utm_medium, day',
    );
    expect(written.length).toBeGreaterThan(100);
    await db.query('DELETE FROM analytics_daily_campaign_breakdowns');
    await db.query('DELETE FROM analytics_daily_campaign_totals');
    const migration = readFileSync(
      new URL('../../../db/migrations/0100_create_analytics_daily_campaign_rollups.sql', import.meta.url),
      'utf8',
    );
    await db.rawTransaction((sql) => sql.exec(migration.slice(migration.indexOf('INSERT INTO'))));
    expect(
      await db.query(
        'SELECT * FROM analytics_daily_campaign_breakdowns ORDER BY utm_campaign, utm_source, utm_medium, day, dimension, value',
      ),
    ).toEqual(written);
    expect(
      await db.query(
        'SELECT * FROM analytics_daily_campaign_totals ORDER BY utm_campaign, utm_source, utm_medium, day',
      ),
    ).toEqual(totals);
  });
});
