/**
 * What one request form post costs the server, piece by piece, in one process (no HTTP): the CPU
 * time of each statement and of the sealing, on a fresh embedded database (or PostgreSQL with
 * --db postgres). Quieter than bench:intake on a busy machine: it compares parts, not latencies.
 *
 *   npm run bench:intake:parts -- [--db pglite|postgres] [--runs 300]
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
import { storeRequest } from '../src/features/requests/store.ts';
import { ADMIN_URL } from './analytics-target.ts';
import { freshTarget } from './intake-target.ts';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'pglite' }, runs: { type: 'string', default: '300' } },
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
  console.log(`load average after: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await db.close();
  await target.drop();
}
