import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { storeRequest } from '../../src/features/requests/index.ts';
import { getClinicPublicKey } from '../../src/features/keys/index.ts';
import { runCli } from '../setup/cli-process.ts';
import { parseCsvRecords } from '../setup/csv.ts';
import { setUpClinic } from '../setup/keys.ts';
import { buildRequestFields, newMarker } from '../setup/patient.ts';
import { openTestDatabase, type TestDatabase } from '../setup/test-db.ts';

// `npm run clinic -- export --recovery-key` as a person runs it: a child process, the key on stdin.
const embedded = process.env.TEST_DB !== 'postgres';
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-export-'));
const marker = newMarker();
let pg: TestDatabase | undefined;
let env: Record<string, string>;
let recoveryKey: string;

beforeAll(async () => {
  pg = embedded ? undefined : await openTestDatabase();
  env = pg ? { DATA_DIR: dataDir, DATABASE_URL: pg.url as string } : { DATA_DIR: dataDir };
  // The embedded database is opened here only while no CLI process holds DATA_DIR.
  const db: Database = pg ?? (await openDatabase({ dataDir }));
  try {
    await migrate(db);
    recoveryKey = (await setUpClinic(db)).recoveryKey;
    const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
    const meta = {
      receivedAt: new Date(Date.now() - 60_000),
      locale: 'en' as const,
      sourcePage: null,
      campaign: 'spring',
      attribution: {
        landingPage: '/en/how-it-works',
        utmSource: 'google',
        utmMedium: 'cpc',
        utmTerm: 'back pain, sciatica',
        utmContent: null,
      },
    };
    await storeRequest(db, publicKey, buildRequestFields(marker), { ...meta, idempotencyKey: 'cli-1' });
    await storeRequest(db, publicKey, buildRequestFields(marker, { givenName: 'Zoë' }), {
      ...meta,
      receivedAt: new Date(), // a minute later: the export lists oldest first
      idempotencyKey: 'cli-2',
    });
  } finally {
    if (!pg) await db.close();
  }
});
afterAll(async () => {
  await pg?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// A child process compiles TypeScript and opens the database: slow on a busy machine.
describe('clinic export as a child process', { timeout: 60_000 }, () => {
  it('reads the recovery key from stdin and writes every request, decrypted, as UTF-8 CSV', async () => {
    const result = await runCli(['export', '--recovery-key'], env, `${recoveryKey}\n`);
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsvRecords(result.stdout);
    expect(rows.map((r) => r['First name'])).toEqual([`José${marker}`, 'Zoë']);
    expect(rows[0]).toMatchObject({
      'E-mail': `${marker.toLowerCase()}@example.com`,
      'Landing page': '/en/how-it-works',
      'Source (utm_source)': 'google',
      'Medium (utm_medium)': 'cpc',
      Campaign: 'spring',
      'Term (utm_term)': 'back pain, sciatica',
      'Content (utm_content)': '',
    });
    expect(Object.keys(rows[0] ?? {})).not.toContain('Notes');
    expect(result.stderr).toContain('Exported 2 request(s)');
    expect(result.stderr).not.toContain(marker);
  });

  it('writes the same file as the inbox, in Spanish with --lang es, with history columns with --history', async () => {
    const result = await runCli(
      ['export', '--recovery-key', '--lang', 'es', '--history'],
      env,
      `${recoveryKey}\n`,
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsvRecords(result.stdout);
    expect(rows.map((r) => r.Nombre)).toEqual([`José${marker}`, 'Zoë']);
    expect(rows[0]).toMatchObject({
      Estado: 'Nueva',
      'Historial de contacto': '',
      Notas: '',
      'Página de llegada': '/en/how-it-works',
      'Origen (utm_source)': 'google',
      'Medio (utm_medium)': 'cpc',
      Campaña: 'spring',
      'Término (utm_term)': 'back pain, sciatica',
    });
  });

  it('refuses a wrong key without printing any request', async () => {
    const result = await runCli(['export', '--recovery-key'], env, 'AAAA-BBBB-CCCC-DDDD\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^clinic export: /);
  });

  it('is listed by --help', async () => {
    const result = await runCli(['--help'], env);
    expect(result.stdout).toMatch(/export\s+Write the requests, opened with the recovery key/);
  });
});
