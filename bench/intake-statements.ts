/**
 * What one request form post costs the server, piece by piece, in one process (no HTTP): the CPU
 * time of each statement and of the sealing, on a fresh embedded database (or PostgreSQL with
 * --db postgres). Quieter than bench:intake on a busy machine: it compares parts, not latencies.
 *
 *   npm run bench:intake:parts -- [--db pglite|postgres] [--runs 300] [--events 20000]
 */
import { randomUUID } from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { getClinicPublicKey, sealForClinic } from '../src/features/keys/index.ts';
import { DEFAULT_INTAKE_POLICY } from '../src/features/intake/abuse.ts';
import { hitBuckets, recentHits } from '../src/features/intake/rate-limit.ts';
import { serverPhoneCheck } from '../src/features/intake/phone-server.ts';
import { readForm, validateRequest } from '../src/features/intake/rules.ts';
import { recordPost } from '../src/features/intake/traffic.ts';
import { newMarker, patientFormFields } from '../tests/setup/patient.ts';
import { pageviewEvent } from '../tests/setup/analytics-events.ts';
import { storeRequest } from '../src/features/requests/store.ts';
import { insertRequestOnce } from '../src/features/requests/queries.ts';
import { newReference } from '../src/features/requests/store.ts';
import { createAnalyticsIngest } from '../src/features/analytics/ingest.ts';
import { createVisitFinder } from '../src/features/analytics/visit-entry.ts';
import { insertEvents } from '../src/features/analytics/queries/insert-events.ts';
import { localDay, visitorId } from '../src/features/analytics/visitor-id.ts';
import { createLogger } from '../src/lib/logger.ts';
import { ADMIN_URL } from './analytics-target.ts';
import { freshTarget } from './intake-target.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '300' },
    events: { type: 'string', default: '20000' },
  },
});
const runs = Number(values.runs);
const kind = values.db === 'postgres' ? 'postgres' : 'pglite';
const target = await freshTarget(kind, ADMIN_URL);
const db = await openDatabase(
  target.env.DATABASE_URL ? { url: target.env.DATABASE_URL } : { dataDir: target.env.DATA_DIR as string },
);

/**
 * The mean CPU and wall time of `fn` over `runs` calls, after 30 warm-up calls. With `other`, the
 * two take turns in 10 blocks and both are printed.
 */
async function time(
  name: string,
  fn: (i: number) => Promise<unknown>,
  other?: { name: string; fn: (i: number) => Promise<unknown> },
): Promise<void> {
  const fns = other ? [fn, other.fn] : [fn];
  const totals = fns.map(() => ({ cpu: 0, wall: 0 }));
  for (const f of fns) for (let i = 0; i < 30; i++) await f(i);
  const blocks = other ? 10 : 1;
  for (let block = 0; block < blocks; block++) {
    for (const [n, f] of fns.entries()) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < runs / blocks; i++) await f(i);
      const used = process.cpuUsage(cpu);
      const total = totals[n] as { cpu: number; wall: number };
      total.cpu += used.user + used.system;
      total.wall += (performance.now() - started) * 1000;
    }
  }
  for (const [n, total] of totals.entries()) {
    const label = n === 0 ? name : `  ${other?.name ?? ''}`;
    console.log(
      `  ${label.padEnd(58)} ${Math.round(total.cpu / runs)
        .toString()
        .padStart(6)} µs CPU, ${Math.round(total.wall / runs)
        .toString()
        .padStart(6)} µs wall`,
    );
  }
}

try {
  console.log(`${kind}, ${runs} calls each, load average ${loadavg()[0]?.toFixed(1)}`);
  const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
  const policy = DEFAULT_INTAKE_POLICY;
  const now = () => new Date();
  const bucket = (i: number) => `intake:addr:bench${i % 50}`;
  // The two take turns, 10 blocks each, so both see the same table and the same machine.
  const oneStatement = (i: number) => recordPost(db, bucket(i), now(), policy, randomUUID());
  const threeStatements = async (i: number) => {
    await hitBuckets(db, [bucket(i), 'intake:posts'], now(), policy.windowMs);
    await recentHits(db, ['intake:posts', 'intake:failures'], now(), policy.windowMs);
    await db.query('SELECT reference, received_at, locale FROM requests WHERE idempotency_key = $1', [
      randomUUID(),
    ]);
  };
  await time('count a post and find an earlier one: one statement (now)', oneStatement, {
    name: 'the same as three statements (before)',
    fn: threeStatements,
  });
  await time('the clinic public key (a statement; now kept in memory)', () => getClinicPublicKey(db));
  const text = new TextEncoder().encode('x'.repeat(600));
  // The same seal with @hpke/core's WebCrypto classes, as the server sealed before.
  const webCrypto = new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  const sealWithWebCrypto = async () => {
    const recipientPublicKey = await webCrypto.kem.deserializePublicKey(new Uint8Array(publicKey));
    return webCrypto.seal({ recipientPublicKey }, text, new TextEncoder().encode(randomUUID()));
  };
  await time(
    'seal 600 bytes to the clinic key (HPKE on node:crypto, now)',
    () => sealForClinic(publicKey, text, new TextEncoder().encode(randomUUID())),
    { name: 'the same on WebCrypto (before)', fn: sealWithWebCrypto },
  );
  // What a patient sends, validated as a post is.
  const validated = validateRequest(
    readForm(new URLSearchParams(patientFormFields(newMarker()))),
    serverPhoneCheck,
  );
  if (!validated.ok) throw new Error('the bench patient does not pass the form rules');
  const { fields } = validated;
  await time('seal and commit a request with its staff notice', () =>
    storeRequest(db, publicKey, fields, {
      receivedAt: now(),
      locale: 'en',
      sourcePage: null,
      campaign: null,
      idempotencyKey: randomUUID(),
    }),
  );
  // The statements of an accepted post one by one, on a day of `--events` analytics events (the
  // visit lookup reads the poster's day), with 5 events of the poster in its current visit.
  const timeZone = 'America/Los_Angeles';
  const siteUrl = 'https://clinic.test';
  const ingest = createAnalyticsIngest({ db, logger: createLogger('silent') });
  const findVisit = createVisitFinder({ db, ingest, siteUrl, timeZone });
  const today = localDay(new Date(), timeZone);
  const salt = await ingest.salts.saltFor(today);
  const event = (id: string, minutesAgo: number, utm: string | null) =>
    pageviewEvent({
      occurredAt: new Date(Date.now() - minutesAgo * 60_000),
      day: today,
      visitorId: id,
      utmSource: utm,
      utmCampaign: utm,
    });

  const others = Array.from({ length: Number(values.events) }, (_, i) =>
    event(`other${i % 2000}`, i % 600, null),
  );
  const posterAt = (i: number) => ({ address: `10.0.${i % 50}.1`, userAgent: 'bench', now: new Date() });
  const mine = Array.from({ length: 50 }, (_, i) =>
    Array.from({ length: 5 }, (_, j) =>
      event(
        visitorId({ salt, site: siteUrl, address: posterAt(i).address, userAgent: 'bench' }),
        5 - j,
        j === 0 ? 'spring' : null,
      ),
    ),
  ).flat();
  for (let i = 0; i < others.length + mine.length; i += 1000)
    await db.rawTransaction((sql) => insertEvents(sql, [...others, ...mine].slice(i, i + 1000)));
  console.log(`statements of an accepted post (${others.length + mine.length} events today):`);
  await time('1. count the post, find an earlier one (recordPost)', (i) =>
    recordPost(db, bucket(i), now(), policy, randomUUID()),
  );
  await time("2. find the visit (flush, salt, the visitor's events)", async (i) => {
    const visit = await findVisit(posterAt(i));
    if (visit?.utmCampaign !== 'spring') throw new Error('the bench visit was not found');
  });
  const sealed = new Uint8Array(900);
  await time('3. insert the request and its notices (insertRequestOnce)', () =>
    insertRequestOnce(db, {
      id: randomUUID(),
      reference: newReference(),
      receivedAt: now(),
      locale: 'en',
      sourcePage: null,
      campaign: 'spring',
      idempotencyKey: randomUUID(),
      sealed,
    }),
  );
  // The two writes of an accepted post as one statement (one commit), against the two, in turns;
  // with limits nobody reaches here, so every post is stored.
  const open = { ...policy, postsPerAddress: 1e9, attackPosts: 1e9, attackFailures: 1e9 };
  const readyPost = (key: string) => ({
    row: {
      id: randomUUID(),
      reference: newReference(),
      receivedAt: now(),
      locale: 'en' as const,
      sourcePage: null,
      campaign: 'spring',
      idempotencyKey: key,
      sealed,
    },
    powSolved: false,
  });
  await time(
    '1 and 3 in one statement (recordPost storing the request)',
    async (i) => {
      const key = randomUUID();
      const counted = await recordPost(db, bucket(i), now(), open, key, readyPost(key));
      if (!counted.stored) throw new Error('the bench post was not stored');
    },
    {
      name: 'recordPost, then insertRequestOnce',
      fn: async (i) => {
        const key = randomUUID();
        await recordPost(db, bucket(i), now(), open, key);
        await insertRequestOnce(db, readyPost(key).row);
      },
    },
  );
  console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await db.close();
  await target.drop();
}
