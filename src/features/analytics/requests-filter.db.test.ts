import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { dashboardTables } from './dashboard/tables.ts';
import type { Filters } from './filters.ts';
import { resolveRange } from './range.ts';
import { buildReport } from './report.ts';

let db: TestDatabase;

/** A request as the intake stores it, with the origin its visit recorded (decision 0007). */
async function insertRequest(origin: {
  source?: string;
  medium?: string;
  campaign?: string;
  landing?: string;
}) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO requests (id, reference, received_at, locale, idempotency_key, sealed, utm_source,
       utm_medium, campaign, landing_page)
     VALUES ($1, $2, '2025-03-01T18:00:00Z', 'en', $3, '\\x00', $4, $5, $6, $7)`,
    [
      id,
      `${id.slice(0, 4)}-${id.slice(4, 8)}`.toUpperCase(),
      id,
      origin.source ?? null,
      origin.medium ?? null,
      origin.campaign ?? null,
      origin.landing ?? null,
    ],
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  await insertRequest({ source: 'google', medium: 'cpc', campaign: 'spring_ad', landing: '/en/' });
  await insertRequest({ source: 'radio', medium: 'audio', campaign: 'primavera', landing: '/es/' });
  await insertRequest({ source: 'radio', medium: 'audio', campaign: 'primavera', landing: '/es/faq' });
  await insertRequest({}); // no analytics for this visit (Global Privacy Control, say)
});
afterAll(() => db.close());

const range = resolveRange({ kind: 'custom', from: '2025-03-01', to: '2025-03-01' }, '2025-03-01');
const requestsUnder = async (filters: Filters) => {
  if ('error' in range) throw new Error(range.error);
  const report = await buildReport(db, range, { timeZone: 'America/Los_Angeles', filters });
  const summary = dashboardTables(report)
    .find((t) => t.id === 'summary')
    ?.rows.at(-1);
  return { total: report.requests.total, wholeSite: report.requests.wholeSite, label: summary?.[0] };
};

describe('requests received under a filter', () => {
  it('counts only the requests whose visit matches a campaign or landing-page filter', async () => {
    expect(await requestsUnder({})).toEqual({ total: 4, wholeSite: true, label: 'Requests received' });
    expect(await requestsUnder({ campaign: 'spring_ad', source: 'google', medium: 'cpc' })).toEqual({
      total: 1,
      wholeSite: false,
      label: 'Requests received',
    });
    expect((await requestsUnder({ source: 'radio' })).total).toBe(2);
    expect((await requestsUnder({ source: 'radio', landing: '/es/faq' })).total).toBe(1);
    expect((await requestsUnder({ campaign: 'none_such' })).total).toBe(0);
  });

  it('says the figure is the whole site’s under a filter a request does not record', async () => {
    expect(await requestsUnder({ campaign: 'spring_ad', device: 'phone' })).toEqual({
      total: 4,
      wholeSite: true,
      label: 'Requests received (whole site: the filters do not apply)',
    });
  });
});
