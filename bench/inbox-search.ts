/**
 * The inbox with 10,000 stored requests (docs/decisions/0010-inbox-search-over-sealed-data.md):
 * server time of a session's first search (it builds the session's index from the sealed search
 * entries), of later searches, and of list pages. Requests go in as the form stores them (sealed
 * to the clinic key); a first staff session then indexes them all once (the one-time cost of
 * requests no session has opened yet, reported too). Each figure is then measured on fresh
 * sessions, in process (app.request), so it is the server's time without a network.
 *
 *   npm run bench:inbox -- [--requests 10000] [--db pglite|postgres] [--runs 20] [--sessions 5]
 *                          [--profile inbox.cpuprofile]
 *
 * Each first search is measured twice, side by side: with the clinic's search snapshot, and with
 * it deleted (every entry opened, as before the snapshot).
 *
 * --profile writes a CPU profile of the measured part only (not the storing and the one-time
 * indexing), for Chromium's DevTools or `node --cpu-prof`'s readers.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadClinic } from '../src/config/clinic.ts';
import { buildPublicSite } from '../src/features/content/public-site.tsx';
import { getClinicPublicKey } from '../src/features/keys/index.ts';
import { storeRequest } from '../src/features/requests/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { setUpClinic } from '../tests/setup/keys.ts';
import { buildRequestFields, newMarker } from '../tests/setup/patient.ts';
import { fieldValue, signIn, staffBrowser, testClock, type Credentials } from '../tests/setup/staff.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { percentile } from './measure.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '20' },
    sessions: { type: 'string', default: '5' },
    profile: { type: 'string' },
  },
});
const count = Number(values.requests);
const runs = Number(values.runs);
const sessions = Number(values.sessions);
const kind = values.db === 'postgres' ? 'postgres' : 'pglite';
const SITE = 'https://clinic.test';

const GIVEN = [
  'Ana',
  'José',
  'Wei',
  'María',
  'David',
  'Lucía',
  'Tom',
  'Elena',
  'Sam',
  'Rosa',
  'Paul',
  'Mary',
];
const FAMILY = [
  'Núñez',
  'Chen',
  'García',
  'Smith',
  'Peña',
  'Kim',
  'Álvarez',
  'Baker',
  'Gómez',
  'Lee',
  'Ruiz',
];

const fmt = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${(s[s.length - 1] ?? 0).toFixed(1)} ms`;
};

/** Wall time and this process's CPU time (user + system) of one step, in ms. */
async function timed<T>(fn: () => Promise<T>): Promise<[number, T, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return [ms, value, (used.user + used.system) / 1000];
}

const target = await freshAnalyticsTarget(kind);
const db = await target.open();
try {
  const clock = testClock(new Date());
  const clinic = await setUpClinic(db);
  const publicKey = await getClinicPublicKey(db);
  if (!publicKey) throw new Error('no clinic key');
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const app = createApp({
    env: { siteUrl: SITE },
    db,
    logger: createLogger('warn', sink),
    publicSite: await buildPublicSite({ clinic: loadClinic('clinic.config.json'), siteUrl: SITE }),
    now: clock.now,
    session: { idleMs: 12 * 3_600_000 },
  });
  const admin: Credentials = {
    email: clinic.email,
    password: clinic.password,
    totpSecret: clinic.totpSecret,
  };

  console.log(
    `inbox search benchmark: ${count} requests on ${kind}; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}`,
  );
  const [storeMs] = await timed(async () => {
    for (let i = 0; i < count; i++) {
      const fields = buildRequestFields(newMarker(), {
        givenName: GIVEN[i % GIVEN.length] ?? 'Ana',
        familyName: `${FAMILY[i % FAMILY.length] ?? 'Lee'}-${i}`,
        tel: `+1213${String(5_550_000 + (i % 9_000)).padStart(7, '0')}`,
        email: `patient${i}@example.com`,
      });
      await storeRequest(db, publicKey, fields, {
        receivedAt: new Date(clock.now().getTime() - (count - i) * 60_000),
        locale: i % 3 === 0 ? 'es' : 'en',
        sourcePage: null,
        campaign: null,
        idempotencyKey: `bench-${i}`,
      });
    }
  });
  console.log(`stored ${count} sealed requests in ${(storeMs / 1000).toFixed(1)} s`);

  const newSession = async () => {
    const browser = staffBrowser(app, SITE);
    const res = (await signIn(browser, admin, clock)).res;
    if (res.status !== 303) throw new Error(`sign-in failed (${res.status})`);
    return browser;
  };
  const searchOnce = async (browser: ReturnType<typeof staffBrowser>, q: string) => {
    const form = await browser.get('/staff/?view=all');
    const [ms, page, cpuMs] = await timed(async () => {
      const posted = await browser.post('/staff/search', {
        csrf: fieldValue(form.html, 'csrf'),
        q,
        view: 'all',
      });
      return browser.get(posted.res.headers.get('location') ?? '');
    });
    if (page.res.status !== 200) throw new Error(`search page ${page.res.status}`);
    return [ms, cpuMs] as const;
  };

  // The one-time indexing: a first session opens every request (HPKE) and stores its entry.
  const first = await newSession();
  const [indexMs, indexPage] = await timed(() => first.get('/staff/'));
  if (indexPage.res.status !== 200) {
    throw new Error(`first list ${indexPage.res.status} ${indexPage.res.headers.get('location') ?? ''}`);
  }
  console.log(
    `one-time indexing of ${count} requests no session had opened: ${(indexMs / 1000).toFixed(1)} s`,
  );

  const firstSearch: number[] = [];
  const firstWithout: number[] = [];
  const laterSearch: number[] = [];
  const listPage: number[] = [];
  const cpu = {
    first: [] as number[],
    firstWithout: [] as number[],
    later: [] as number[],
    list: [] as number[],
  };
  const queries = [
    'nunez',
    'chen',
    'garcia smith',
    '(213) 555-0123',
    'patient42@example.com',
    'pena',
    '5550999',
  ];
  const profiler = values.profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const firstPage = async (browser: ReturnType<typeof staffBrowser>, s: number) =>
    timed(async () => {
      const q = encodeURIComponent(queries[s % queries.length] ?? 'ana');
      const kept = await browser.get(`/staff/?view=all&q=${q}`);
      return browser.get(kept.res.headers.get('location') ?? '');
    });
  for (let s = 0; s < sessions; s++) {
    // Side by side under the same load: a first search with the clinic's search snapshot
    // deleted opens every entry (and writes the snapshot again), as every first search did
    // before the snapshot.
    const without = await newSession();
    await db.query('DELETE FROM request_search_snapshots');
    const [noSnapshotMs, , noSnapshotCpu] = await firstPage(without, s);
    firstWithout.push(noSnapshotMs);
    cpu.firstWithout.push(noSnapshotCpu);
    const browser = await newSession();
    // The session's first page: this request builds its index (from the snapshot).
    const [ms, , cpuMs] = await firstPage(browser, s);
    firstSearch.push(ms);
    cpu.first.push(cpuMs);
    for (let r = 0; r < runs; r++) {
      const [laterMs, laterCpu] = await searchOnce(browser, queries[r % queries.length] ?? 'ana');
      laterSearch.push(laterMs);
      cpu.later.push(laterCpu);
    }
    for (let r = 0; r < runs; r++) {
      const path = [
        '/staff/',
        '/staff/?page=40',
        '/staff/?view=due',
        '/staff/?sort=newest',
        '/staff/?view=all',
      ][r % 5];
      const [listMs, page, listCpu] = await timed(() => browser.get(path ?? '/staff/'));
      if (page.res.status !== 200) throw new Error(`list page ${page.res.status}`);
      listPage.push(listMs);
      cpu.list.push(listCpu);
    }
  }
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(values.profile ?? 'inbox.cpuprofile', JSON.stringify(profile));
    profiler.disconnect();
  }
  // CPU time is this process's (the server's work, and the in-process client's, which is small):
  // steadier than wall time when other work shares the machine.
  console.log(`first search of a session (builds its index; ${sessions} sessions): ${fmt(firstSearch)}`);
  console.log(`  CPU time: ${fmt(cpu.first)}`);
  console.log(`first search without the search snapshot (opens every entry): ${fmt(firstWithout)}`);
  console.log(`  CPU time: ${fmt(cpu.firstWithout)}`);
  console.log(`later searches (${laterSearch.length}): ${fmt(laterSearch)}`);
  console.log(`  CPU time: ${fmt(cpu.later)}`);
  console.log(`list pages (${listPage.length}): ${fmt(listPage)}`);
  console.log(`  CPU time: ${fmt(cpu.list)}`);
  console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await db.close();
  await target.drop();
}
