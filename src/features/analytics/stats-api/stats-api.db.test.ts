import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../../tests/setup/command-io.ts';
import { inboxWorld, type InboxWorld } from '../../../../tests/setup/inbox-app.ts';
import { fieldValue } from '../../../../tests/setup/staff.ts';
import { testPublicSite } from '../../../../tests/setup/test-app.ts';
import { reportCommand } from '../../../cli/commands/report.ts';
import { createLogger } from '../../../lib/logger.ts';
import { analyticsTestApp, sendScenario, testClock } from '../test-fixtures.ts';
import { statsApiRoutes } from './api-route.ts';

// The inbox world's admin makes and revokes tokens; the analytics scenario's day (1 March 2025,
// three visitors, one of them from a Google ad) is what the API and `clinic report` read.
let w: InboxWorld;
beforeAll(async () => {
  w = await inboxWorld();
  const clock = testClock('2025-03-01T18:00:00Z');
  const analytics = analyticsTestApp(w.t.db, await testPublicSite(), clock);
  await sendScenario(analytics.app, clock);
  await analytics.settle();
});
afterAll(() => w.t.close());

const RANGE = 'from=2025-03-01&to=2025-03-07';

const callApi = (query: string, token?: string, headers: Record<string, string> = {}) =>
  w.t.app.request(`/api/stats?${query}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });

async function createToken(name: string): Promise<string> {
  const list = await w.as.admin.get('/staff/analytics/tokens');
  expect(list.res.status).toBe(200);
  const made = await w.as.admin.post('/staff/analytics/tokens', {
    csrf: fieldValue(list.html, 'csrf'),
    name,
  });
  expect(made.res.status).toBe(200);
  const token = parse(made.html).querySelector('#stats-token')?.text.trim() ?? '';
  expect(token).toMatch(/^clinic_stats_[\w-]{43}$/);
  return token;
}

async function revoke(name: string): Promise<void> {
  const list = parse((await w.as.admin.get('/staff/analytics/tokens')).html);
  const link = list.querySelectorAll('a').find((a) => a.text === `Revoke ${name}`);
  const confirm = await w.as.admin.get(link?.getAttribute('href') ?? '');
  expect(confirm.res.status).toBe(200);
  const form = parse(confirm.html).querySelector('main form');
  const done = await w.as.admin.post(form?.getAttribute('action') ?? '', {
    csrf: fieldValue(confirm.html, 'csrf'),
  });
  expect(done.res.status).toBe(303);
}

/** Every row of every table as text: where a clear token would show if it were stored. */
async function everythingStored(): Promise<string> {
  const tables = await w.t.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const dumps = await Promise.all(
    tables.map(async ({ name }) => {
      const rows = await w.t.db.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      return rows.map((r) => r.row).join('\n');
    }),
  );
  return dumps.join('\n');
}

describe('GET /api/stats', () => {
  it('answers a token exactly what `clinic report --json` prints, filters included', async () => {
    const token = await createToken('Board spreadsheet');
    for (const [query, args] of [
      [RANGE, []],
      [`${RANGE}&campaign=Spring&device=phone`, ['--campaign', 'Spring', '--device', 'phone']],
      [`${RANGE}&channel=social`, ['--channel', 'social']],
    ] as const) {
      const res = await callApi(query, token);
      expect(res.status, query).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('set-cookie')).toBeNull();
      const api = (await res.json()) as Record<string, unknown>;
      const cli = await runCommand(reportCommand, w.t.db, [
        '--from',
        '2025-03-01',
        '--to',
        '2025-03-07',
        '--json',
        ...args,
      ]);
      expect(cli.code).toBe(0);
      expect(api, query).toEqual(JSON.parse(cli.stdout));
    }
    // Not a vacuous equality: the figures are the scenario's, narrowed by the filter.
    const whole = (await (await callApi(RANGE, token)).json()) as { visitors: number; campaigns: unknown[] };
    expect(whole.visitors).toBe(3);
    const spring = (await (await callApi(`${RANGE}&campaign=spring`, token)).json()) as {
      visitors: number;
      campaigns: { source: string; campaign: string; visits: number }[];
    };
    expect(spring.visitors).toBe(1);
    expect(spring.campaigns).toMatchObject([{ source: 'google', campaign: 'spring', visits: 1 }]);
  });

  it('keeps only the token’s hash, and audits who made it under which name', async () => {
    const token = await createToken('Agency dashboard');
    const stored = await everythingStored();
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice('clinic_stats_'.length));
    const [row] = await w.t.db.query<{ hash: string }>(
      `SELECT encode(token_hash, 'hex') AS hash FROM stats_api_tokens WHERE name = 'Agency dashboard'`,
    );
    expect(row?.hash).toBe(createHash('sha256').update(token).digest('hex'));
    const audit = await w.t.db.query<{ actor_email: string; target: string; details: { name: string } }>(
      `SELECT actor_email, target, details FROM audit_log WHERE action = 'stats-token.created' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor_email, a.details.name])).toContainEqual([
      w.members.admin.email,
      'Agency dashboard',
    ]);
    expect(audit.every((a) => /^stats-token:[0-9a-f-]{36}$/.test(a.target))).toBe(true);
  });

  it('shows the tokens with their last use, and a revoked token gets 401 at once (audited)', async () => {
    const token = await createToken('Old report');
    expect((await callApi(RANGE, token)).status).toBe(200);
    const row = (html: string) =>
      parse(html)
        .querySelectorAll('table[data-table="stats-tokens"] tbody tr')
        .map((tr) => tr.querySelectorAll('th, td').map((cell) => cell.text))
        .find((cells) => cells[0] === 'Old report');
    const listed = row((await w.as.admin.get('/staff/analytics/tokens')).html);
    expect(listed?.[1]).toContain(`by ${w.members.admin.email}`);
    expect(listed?.[2]).not.toBe('Never');

    await revoke('Old report');
    const refused = await callApi(RANGE, token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await refused.json()).toEqual({ error: expect.stringContaining('revoked') });
    expect(row((await w.as.admin.get('/staff/analytics/tokens')).html)?.[3]).toMatch(/^Revoked /);
    const [entry] = await w.t.db.query<{ actor_email: string; details: { name: string } }>(
      `SELECT actor_email, details FROM audit_log WHERE action = 'stats-token.revoked'`,
    );
    expect(entry).toMatchObject({ actor_email: w.members.admin.email, details: { name: 'Old report' } });
    // The audit view names both actions in words.
    const auditPage = (await w.as.admin.get('/staff/audit')).html;
    expect(auditPage).toContain('Created a stats-API token');
    expect(auditPage).toContain('Revoked a stats-API token');
  });

  it('refuses a missing, malformed or unknown token with 401 and a JSON error', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer nope' },
      { authorization: `Bearer clinic_stats_${'A'.repeat(43)}` },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ]) {
      const res = await callApi(RANGE, undefined, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    // A staff session is not a token: the API never reads cookies.
    const cookie = [...w.as.admin.jar].map(([n, v]) => `${n}=${v}`).join('; ');
    expect((await callApi(RANGE, undefined, { cookie })).status).toBe(401);
  });

  it('says what is wrong with bad dates and filters (400)', async () => {
    const token = await createToken('Checks');
    const cases: [string, RegExp][] = [
      ['from=2025-03-01', /Give both dates: from=2025-03-01 and to=2025-03-31/],
      ['from=2025-02-30&to=2025-03-01', /YYYY-MM-DD/],
      ['from=2025-03-09&to=2025-03-01', /must not be after/],
      ['from=2020-01-01&to=2025-03-01', /at most 1100 days/],
      [`${RANGE}&campaign=`, /Give a value after campaign=, like campaign=spring_ad/],
      [`${RANGE}&channel=tv`, /Unknown channel "tv": choose one of paid, email/],
      [`${RANGE}&language=fr`, /Unknown language "fr"/],
      [`${RANGE}&utm_term=x`, /Unknown parameter "utm_term"/],
      [`${RANGE}&source=a&source=b`, /Give source once/],
    ];
    for (const [query, message] of cases) {
      const res = await callApi(query, token);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error, query).toMatch(message);
    }
  });

  it('is rate limited per token, with Retry-After', async () => {
    const token = await createToken('Busy script');
    const api = statsApiRoutes({
      db: w.t.db,
      logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
      timeZone: 'America/Los_Angeles',
      now: () => new Date('2026-11-25T17:30:00Z'),
      policy: { windowMs: 60_000, callsPerToken: 2 },
    });
    const call = () => api.request(`/api/stats?${RANGE}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({ error: expect.stringContaining('Too many calls') });
  });
});

describe('/staff/analytics/tokens', () => {
  it('is for admins only, linked from their dashboard', async () => {
    const dashboard = parse((await w.as.admin.get('/staff/analytics?range=7d')).html);
    expect(dashboard.querySelector('a[href="/staff/analytics/tokens"]')).not.toBeNull();
    const theirs = parse((await w.as.marketing.get('/staff/analytics?range=7d')).html);
    expect(theirs.querySelector('a[href="/staff/analytics/tokens"]')).toBeNull();
    expect((await w.as.marketing.get('/staff/analytics/tokens')).res.status).toBe(403);
    expect((await w.as.coordinator.get('/staff/analytics/tokens')).res.status).toBe(403);
    expect((await w.t.app.request('/staff/analytics/tokens')).status).toBe(303);
  });

  it('asks for a name, keeping what was typed', async () => {
    const list = await w.as.admin.get('/staff/analytics/tokens');
    const res = await w.as.admin.post('/staff/analytics/tokens', {
      csrf: fieldValue(list.html, 'csrf'),
      name: '   ',
    });
    expect(res.res.status).toBe(422);
    expect(parse(res.html).querySelector('.error-summary')?.text).toContain('Give the token a name');
    const long = await w.as.admin.post('/staff/analytics/tokens', {
      csrf: fieldValue(list.html, 'csrf'),
      name: 'x'.repeat(81),
    });
    expect(long.res.status).toBe(422);
    expect(fieldValue(long.html, 'name')).toBe('x'.repeat(81));
  });
});
