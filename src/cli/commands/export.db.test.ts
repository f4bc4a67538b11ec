import { runCommand } from '../../../tests/setup/command-io.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClinicPublicKey } from '../../features/keys/index.ts';
import { storeRequest, type RequestMeta } from '../../features/requests/index.ts';
import { parseCsvRecords } from '../../../tests/setup/csv.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { buildRequestFields, newMarker } from '../../../tests/setup/patient.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { exportCommand } from './export.ts';

let db: TestDatabase;
let clinic: TestClinic;
const marker = newMarker();

function meta(day: string, key: string): RequestMeta {
  return {
    receivedAt: new Date(`${day}T15:00:00Z`),
    locale: 'es',
    sourcePage: '/es/',
    campaign: null,
    idempotencyKey: key,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  clinic = await setUpClinic(db);
  const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
  await storeRequest(db, publicKey, buildRequestFields(marker), meta('2025-01-10', 'k1'));
  const risky = buildRequestFields(marker, {
    message: '=HYPERLINK("http://evil.example","click")',
    tel: null,
  });
  await storeRequest(db, publicKey, risky, meta('2025-02-10', 'k2'));
  await storeRequest(
    db,
    publicKey,
    buildRequestFields(marker, { givenName: 'Ana' }),
    meta('2025-03-10', 'k3'),
  );
  await db.query("UPDATE requests SET status = 'closed' WHERE idempotency_key = 'k3'");
});
afterAll(() => db.close());

async function runExport(args: string[], stdin: string) {
  const result = await runCommand(exportCommand, db, args, { stdin });
  return { ...result, rows: parseCsvRecords(result.stdout) };
}

describe('clinic export --recovery-key (in process)', () => {
  it('opens every request with the recovery key and writes it as CSV', async () => {
    const { code, rows, stderr } = await runExport(['--recovery-key'], `${clinic.recoveryKey}\n`);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Exported 3 request\(s\)/);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      'Form language': 'Spanish',
      Status: 'New',
      'Sent from page': '/es/',
      // 15:00 UTC is 07:00 in Los Angeles (the example clinic's zone) in January.
      'Received (America/Los_Angeles)': '2025-01-10 07:00',
      'First name': `José${marker}`,
      'Last name': `O'Brien-${marker}`,
      Phone: '(213) 555-0142',
      'Pain area': 'Neck; Lower back',
      'Pain today (0-10)': '7',
      Message: `Dolor de espalda ${marker}, "desde hace años".`,
      'Agreed to be contacted': 'Yes',
    });
    expect(rows[0]?.['Request number']).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('neutralises a formula a patient typed', async () => {
    const { rows } = await runExport(['--recovery-key'], clinic.recoveryKey);
    expect(rows[1]?.Message).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[1]?.Phone).toBe('');
  });

  it('chooses requests by status and by an inclusive range of days', async () => {
    const closed = await runExport(['--recovery-key', '--status', 'closed'], clinic.recoveryKey);
    expect(closed.rows.map((r) => r['First name'])).toEqual(['Ana']);
    const range = await runExport(
      ['--recovery-key', '--from', '2025-02-10', '--to=2025-03-10'],
      clinic.recoveryKey,
    );
    expect(range.rows.map((r) => r['Received (America/Los_Angeles)']?.slice(0, 10))).toEqual([
      '2025-02-10',
      '2025-03-10',
    ]);
  });

  it('refuses a wrong recovery key and writes nothing', async () => {
    const wrong = clinic.recoveryKey.replace(/[A-Z0-9](?=[^-]*$)/, (c) => (c === 'A' ? 'B' : 'A'));
    const { code, stdout, stderr } = await runExport(['--recovery-key'], wrong);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^clinic export: /);
  });

  it('refuses to start without a key on stdin or with the key as an argument', async () => {
    expect(await runExport(['--recovery-key'], '')).toMatchObject({ code: 1, stdout: '' });
    expect(await runExport([`--recovery-key=${clinic.recoveryKey}`], '')).toMatchObject({
      code: 2,
      stdout: '',
    });
  });

  it('names a request that does not open (sealed data moved to another row) and exports the rest', async () => {
    const [a, b] = await db.query<{ id: string }>('SELECT id::text AS id FROM requests ORDER BY received_at');
    await db.query('UPDATE requests SET sealed = (SELECT sealed FROM requests WHERE id = $1) WHERE id = $2', [
      a?.id,
      b?.id,
    ]);
    const { code, rows, stderr } = await runExport(['--recovery-key'], clinic.recoveryKey);
    expect(code).toBe(1);
    expect(rows).toHaveLength(2);
    expect(stderr).toContain(`1 request(s) did not open (altered or damaged): ${b?.id}`);
  });
});

describe("clinic export --from/--to take the clinic's days (America/Los_Angeles), not UTC days", () => {
  it('keeps a request received late in the evening on its local day', async () => {
    const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
    const at = (receivedAt: string, key: string, givenName: string) =>
      storeRequest(db, publicKey, buildRequestFields(marker, { givenName }), {
        ...meta('2025-06-01', key),
        receivedAt: new Date(receivedAt),
      });
    // 06:30 UTC is 23:30 the evening before in Los Angeles (UTC-7 in June).
    await at('2025-06-01T06:30:00Z', 'late-31-may', 'Mayo');
    await at('2025-06-02T06:30:00Z', 'late-1-june', 'Junio');
    const { rows } = await runExport(
      ['--recovery-key', '--from', '2025-06-01', '--to', '2025-06-01'],
      clinic.recoveryKey,
    );
    expect(rows.map((r) => [r['First name'], r['Received (America/Los_Angeles)']])).toEqual([
      ['Junio', '2025-06-01 23:30'],
    ]);
  });
});
