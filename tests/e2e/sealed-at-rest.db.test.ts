import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSealedRequest } from '../../src/features/requests/index.ts';
import { openSealed, unlockWithPassword } from '../../src/features/keys/index.ts';
import { runCli } from '../setup/cli-process.ts';
import { parseCsvRecords } from '../setup/csv.ts';
import { fetchForm, patientClient, postForm, referenceOf } from '../setup/form-client.ts';
import { newMarker, patientFormFields } from '../setup/patient.ts';
import { startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { startSmtpServer, type TestSmtpServer } from '../setup/smtp.ts';
import { prepareTarget, waitForReady, type E2eTarget } from './harness.ts';
import { needlesFor, pgDump, searchTree, treeSize } from './search.ts';

// Sealed at rest: a request holding a unique marker goes through the real server
// process; afterwards the marker is nowhere in DATA_DIR, a pg_dump, the server's output or the
// staff e-mail, yet the request opens with the admin's password and with the recovery key.
const marker = newMarker();
const needles = needlesFor([marker, marker.toLowerCase()]);
const NOTIFY_TO = 'frontdesk@clinic.test';
let target: E2eTarget;
let smtp: TestSmtpServer;
let server: ServerProcess | undefined;
let reference: string | null = null;

beforeAll(async () => {
  target = await prepareTarget();
  smtp = await startSmtpServer();
}, 60_000);
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await smtp.close();
  await target.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function requestByReference(ref: string) {
  return target.withDb(async (db) => {
    const [row] = await db.query<{ id: string; sealed: Uint8Array }>(
      'SELECT id::text AS id, sealed FROM requests WHERE reference = $1',
      [ref],
    );
    if (!row) throw new Error(`no request ${ref}`);
    const privateKey = await unlockWithPassword(db, target.clinic.email, target.clinic.password);
    const opened = await openSealed(privateKey, new Uint8Array(row.sealed), new TextEncoder().encode(row.id));
    return { id: row.id, fields: parseSealedRequest(opened) };
  });
}

/** base/<oid> of the test database and pg_wal, if readable here; otherwise none. */
async function postgresFiles(t: E2eTarget): Promise<string[]> {
  const [row] = await t
    .withDb((db) =>
      db.query<{ dir: string; oid: number }>(
        "SELECT current_setting('data_directory') AS dir, oid FROM pg_database WHERE datname = current_database()",
      ),
    )
    .catch(() => []);
  const dirs = row ? [join(row.dir, 'base', String(row.oid)), join(row.dir, 'pg_wal')] : [];
  return dirs.every((dir) => canRead(dir)) ? dirs : [];
}

function canRead(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

describe(`sealed at rest (${process.env.TEST_DB})`, () => {
  it('takes a request through the real server and leaves no trace of what was typed', async () => {
    server = await startServerProcess({ ...target.env, SMTP_URL: smtp.url, NOTIFY_TO });
    await waitForReady(server.url);
    const client = patientClient(server.url, 0);
    const [first, second] = [await fetchForm(client, 'es'), await fetchForm(client, 'es')];
    await sleep(2_100); // a person takes a few seconds; faster posts are refused

    // A mistake first: the form comes back with everything typed kept (and so, in the page).
    const invalid = await postForm(
      client,
      first,
      patientFormFields(marker).filter(([name]) => name !== 'consent'),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body).toContain(marker);
    const stored = await postForm(client, second, patientFormFields(marker));
    expect(stored.status, stored.body.slice(0, 300)).toBe(303);
    reference = referenceOf(stored);
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const [mail] = await smtp.waitForMessages(1, 15_000);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const { id } = await requestByReference(reference as string);

    // The staff e-mail: number, language, time and link; nothing the patient typed.
    expect(mail?.to).toEqual([NOTIFY_TO]);
    expect(mail?.subject).toBe(`New confidential request ${id}`);
    expect(mail?.body).toContain('Language: Spanish');
    expect(mail?.body).toContain(`${server.url}/staff/requests/${id}`);
    for (const value of [marker, marker.toLowerCase(), '5550142', 'medicare', 'low-back']) {
      expect(mail?.raw, 'the e-mail holds a typed value').not.toContain(value);
    }

    // Every file under DATA_DIR (the embedded database, its WAL, the lock), byte for byte. The
    // clear reference is found there, which shows the search sees what the database writes.
    expect(searchTree(target.dataDir, needles), 'DATA_DIR holds the marker').toEqual([]);
    if (target.kind === 'pglite') {
      expect(treeSize(target.dataDir).files).toBeGreaterThan(0);
      expect(searchTree(target.dataDir, needlesFor([reference as string]))).not.toEqual([]);
    }
    // A pg_dump of the PostgreSQL database.
    if (target.url) {
      const dump = await pgDump(target.url);
      expect(dump).toContain('COPY public.requests');
      expect(dump).toContain(reference);
      const hits = needles.filter((n) => dump.includes(n.bytes.toString('utf8'))).map((n) => n.name);
      expect(hits, 'pg_dump holds the marker').toEqual([]);
    }
    // The PostgreSQL server's own files for this database and its WAL, when this machine can read
    // them (a local cluster; not a CI service container).
    const pgDirs = target.url ? await postgresFiles(target) : [];
    for (const dir of pgDirs) expect(searchTree(dir, needles), `${dir} holds the marker`).toEqual([]);
    if (pgDirs.length > 0) {
      expect(pgDirs.flatMap((dir) => searchTree(dir, needlesFor([reference as string])))).not.toEqual([]);
    }
    // Everything the server printed, stdout and stderr.
    expect(server.output()).toContain('"msg":"notice sent"');
    expect(server.output().includes(marker) || server.output().includes(marker.toLowerCase())).toBe(false);
  }, 90_000);

  it("opens with the admin's password", async () => {
    const { fields } = await requestByReference(reference as string);
    expect(fields).toMatchObject({
      givenName: `José${marker}`,
      familyName: `O'Brien-${marker}`,
      email: `${marker.toLowerCase()}@example.com`,
      tel: '+12135550142',
      painAreas: ['neck', 'low-back'],
      message: `Dolor de espalda ${marker}, "desde hace años".`,
    });
  });

  it('opens with the recovery key: `clinic export --recovery-key` prints it', async () => {
    const result = await runCli(['export', '--recovery-key'], target.env, `${target.clinic.recoveryKey}\n`);
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsvRecords(result.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Request number': reference,
      'First name': `José${marker}`,
      'Heard about us': `Radio ${marker}`,
    });
    expect(result.stderr).not.toContain(marker);
  }, 60_000);
});
