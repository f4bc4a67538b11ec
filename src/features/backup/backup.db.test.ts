import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { buildRequestFields, newMarker } from '../../../tests/setup/patient.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { openTestDatabase } from '../../../tests/setup/test-db.ts';
import type { AnalyticsEvent } from '../analytics/event.ts';
import { insertEvents } from '../analytics/queries/insert-events.ts';
import { getOrCreateSalt } from '../analytics/queries/salts.ts';
import { rollupDirtyDays } from '../analytics/index.ts';
import { verifyAudit } from '../audit/index.ts';
import { insertPendingSession } from '../auth/session-queries.ts';
import {
  ANY_REQUEST,
  changeStatus,
  insertCallAttempt,
  insertNote,
  listRequestsToExport,
  openForExport,
  openNote,
  sealNote,
  storeRequest,
} from '../requests/index.ts';
import { getClinicPublicKey, unlockWithPassword, unlockWithRecoveryKey } from '../keys/index.ts';
import { createInvite } from '../staff/index.ts';
import { openSearchKey, searchIndexStamp } from '../requests/search-entries.ts';
import { saveSearchSnapshot } from '../requests/search-snapshot.ts';
import {
  BACKED_UP_TABLES,
  BackupError,
  createBackup,
  LEFT_OUT_TABLES,
  restoreBackup,
  type BackupHeader,
} from './index.ts';

/** The number of the newest migration file. */
const newestMigration = () =>
  Math.max(...readdirSync(new URL('../../db/migrations/', import.meta.url)).map((f) => parseInt(f, 10)));

type Kind = 'pglite' | 'postgres';
const onPostgres = process.env.TEST_DB === 'postgres';
const workDir = mkdtempSync(join(tmpdir(), 'clinic-backup-'));
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  rmSync(workDir, { recursive: true, force: true });
});

/**
 * A fresh, migrated database of that kind: a copy of this project's golden database, or, for an
 * embedded one in the PostgreSQL project, a new one migrated here.
 */
async function freshDatabase(kind: Kind): Promise<Database> {
  const ofThisProject = kind === (onPostgres ? 'postgres' : 'pglite');
  const db = ofThisProject ? await openTestDatabase() : await openDatabase({ pglite: await PGlite.create() });
  if (!ofThisProject) await migrate(db);
  opened.push(db);
  return db;
}

let fileCount = 0;
const newPath = (name = 'clinic.ndjson.gz') => join(workDir, `${++fileCount}-${name}`);

/** Every backed-up row of a table as JSON text, in a fixed order (UTC, sorted in JavaScript). */
async function tableRows(db: Database, table: string, where?: string): Promise<string[]> {
  const rows = await db.rawTransaction(async (sql) => {
    await sql.query("SET LOCAL TimeZone = 'UTC'");
    return sql.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM ${table} t ${where ? `WHERE ${where}` : ''}`,
    );
  });
  return rows.map((r) => r.row).sort();
}

async function countRows(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

/** Rows per backed-up table: all zero in an empty database. */
async function backedUpCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of BACKED_UP_TABLES) counts[name] = await countRows(db, name);
  return counts;
}
const EMPTY = Object.fromEntries(BACKED_UP_TABLES.map(({ name }) => [name, 0]));

function pageview(i: number, day: string): AnalyticsEvent {
  return {
    occurredAt: new Date(`${day}T15:00:00.000Z`),
    day,
    visitorId: `visitor-${i % 40}`,
    name: 'pageview',
    path: i % 3 === 0 ? '/es/' : '/en/',
    pageKind: 'home',
    locale: i % 3 === 0 ? 'es' : 'en',
    referrer: null,
    utmSource: i % 5 === 0 ? 'radio' : null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    browser: 'Chrome',
    os: 'Android',
    device: 'phone',
    fields: null,
  };
}

type Source = {
  db: Database;
  clinic: TestClinic;
  marker: string;
  salt: string;
  sessionTokenHash: string;
  requestId: string;
  noteId: string;
};

/**
 * A clinic as it is used: set up (admin, recovery codes, key copies, audit entries), two sealed
 * requests with a status change, a call and a sealed note, 1,203 analytics events with their
 * rollups, and a row in every table a backup leaves out (a session, an invite with its key copy,
 * a draft, throttle and rate-limit counters, the day's salt).
 */
async function fillClinic(db: Database): Promise<Source> {
  const clinic = await setUpClinic(db);
  const publicKey = (await getClinicPublicKey(db)) as Uint8Array;
  const marker = newMarker();
  const now = new Date();
  const meta = { locale: 'es' as const, sourcePage: '/es/', campaign: 'radio' };
  await storeRequest(db, publicKey, buildRequestFields(marker), {
    ...meta,
    receivedAt: new Date(now.getTime() - 3_600_000),
    idempotencyKey: 'backup-first',
  });
  await storeRequest(db, publicKey, buildRequestFields(newMarker()), {
    ...meta,
    receivedAt: new Date(now.getTime() - 60_000),
    idempotencyKey: 'backup-second',
  });
  const [first] = await db.query<{ id: string }>(
    "SELECT id::text AS id FROM requests WHERE idempotency_key = 'backup-first'",
  );
  const requestId = first?.id as string;
  const actor = { staffId: clinic.adminId, email: clinic.email, address: '203.0.113.9' };
  expect(await changeStatus(db, { requestId, from: 'new', to: 'contacted', actor, now })).toBe('done');
  await insertCallAttempt(db, { requestId, outcome: 'reached', calledAt: now, actor, now });
  const noteId = randomUUID();
  const sealed = await sealNote(publicKey, noteId, `Called back ${marker}`);
  await insertNote(db, { noteId, requestId, sealed, actor, now });

  // More events than one insert chunk (500) and one read batch (1,000); then a dirty day.
  const events = Array.from({ length: 1200 }, (_, i) => pageview(i, i < 600 ? '2026-01-14' : '2026-01-15'));
  await db.rawTransaction((sql) => insertEvents(sql, events));
  await rollupDirtyDays(db);
  await db.rawTransaction((sql) =>
    insertEvents(
      sql,
      [0, 1, 2].map((i) => pageview(i, '2026-01-16')),
    ),
  );
  await db.query("INSERT INTO app_secrets (name, secret) VALUES ('intake', $1)", [randomBytes(32)]);

  // Rows a backup must leave out.
  const salt = `salt${newMarker()}`;
  await getOrCreateSalt(db, '2026-01-16', salt);
  const sessionTokenHash = randomBytes(32);
  await insertPendingSession(db, {
    id: randomUUID(),
    tokenHash: sessionTokenHash,
    staffId: clinic.adminId,
    now,
    expiresAt: new Date(now.getTime() + 600_000),
    sealedKey: null,
    sealedTotp: null,
    address: '203.0.113.9',
  });
  await createInvite(db, {
    email: 'new.coordinator@clinic.test',
    role: 'coordinator',
    privateKey: clinic.privateKey,
    actor: { staffId: clinic.adminId, email: clinic.email, address: null, via: 'cli' },
    now,
  });
  await db.query(
    `INSERT INTO staff_drafts (id, staff_id, sealed, created_at, expires_at)
     VALUES ($1, $2, $3, now(), now() + interval '1 hour')`,
    [randomUUID(), clinic.adminId, randomBytes(64)],
  );
  await db.query(
    `INSERT INTO signin_throttle (key, failures, last_failure_at, blocked_until)
     VALUES ('account:test', 2, now(), now())`,
  );
  await db.query("INSERT INTO rate_limits (bucket, window_start, hits) VALUES ('test', now(), 3)");
  await db.query('INSERT INTO health_probe (written_at) VALUES (now())');
  await db.query(
    `INSERT INTO stats_api_tokens (name, token_hash, created_by, created_at)
     VALUES ('Agency report', $1, $2, now())`,
    [randomBytes(32), clinic.adminId],
  );
  // The search key is kept; the snapshot made from the search entries is left out.
  const searchKey = await openSearchKey(db, clinic.privateKey, now);
  if (!searchKey) throw new Error('no search key after set-up');
  expect(await saveSearchSnapshot(db, searchKey, { stamp: await searchIndexStamp(db), items: [] }, now)).toBe(
    true,
  );
  return {
    db,
    clinic,
    marker,
    salt,
    sessionTokenHash: sessionTokenHash.toString('hex'),
    requestId,
    noteId,
  };
}

const directions: [Kind, Kind][] = onPostgres
  ? [
      ['pglite', 'postgres'],
      ['postgres', 'pglite'],
    ]
  : [['pglite', 'pglite']];

describe.each(directions)('a backup taken on %s, restored on %s', (sourceKind, targetKind) => {
  let source: Source;
  let target: Database;
  let file: string;
  let written: BackupHeader;
  let restored: BackupHeader;
  let auditEntriesBefore: number;

  /** The number of the newest migration file. */
  const newestMigration = () =>
    Math.max(...readdirSync(new URL('../../db/migrations/', import.meta.url)).map((f) => parseInt(f, 10)));

  beforeAll(async () => {
    source = await fillClinic(await freshDatabase(sourceKind));
    auditEntriesBefore = await countRows(source.db, 'audit_log');
    file = newPath();
    written = await createBackup(source.db, file);
    target = await freshDatabase(targetKind);
    restored = await restoreBackup(target, file);
  });

  it('lists every backed-up table with its row count, and reads back the same header', async () => {
    // The header names the schema the rows belong to: the newest migration's.
    expect(written.schemaVersion).toBe(newestMigration());
    expect(written.tables.map((t) => t.name)).toEqual(BACKED_UP_TABLES.map((t) => t.name));
    for (const table of BACKED_UP_TABLES) {
      const expected = (await tableRows(source.db, table.name, table.where)).length;
      expect(written.tables.find((t) => t.name === table.name)?.rows, table.name).toBe(expected);
    }
    expect(written.tables.find((t) => t.name === 'analytics_events')?.rows).toBe(1203);
    expect(restored).toEqual(written);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('never holds what the patient typed, the analytics salt, or session rows', () => {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    // The file is the real thing: it holds the requests, sealed.
    expect(text).toContain('"t":"requests"');
    expect(text).toContain('"t":"request_notes"');
    for (const secret of [source.marker, source.marker.toLowerCase(), source.salt, source.sessionTokenHash]) {
      expect(text).not.toContain(secret);
    }
    for (const table of Object.keys(LEFT_OUT_TABLES)) expect(text).not.toContain(`"t":"${table}"`);
  });

  it('restores every backed-up row exactly, and none of the rows left out', async () => {
    for (const table of BACKED_UP_TABLES) {
      const expected = await tableRows(source.db, table.name, table.where);
      const actual = await tableRows(target, table.name);
      if (table.name === 'audit_log') {
        // The restore appends its own entry after the restored ones.
        expect(actual.slice(0, -1).sort(), table.name).toEqual(expected);
      } else {
        expect(actual, table.name).toEqual(expected);
      }
    }
    for (const table of Object.keys(LEFT_OUT_TABLES)) {
      if (table === 'schema_migrations') continue;
      expect(await countRows(source.db, table), `${table} in the source`).toBeGreaterThan(0);
      expect(await countRows(target, table), `${table} after restore`).toBe(0);
    }
    expect(await countRows(source.db, 'key_wraps')).toBe((await countRows(target, 'key_wraps')) + 1);
  });

  it('opens the requests and notes with the recovery key, and the admin password still works', async () => {
    const privateKey = await unlockWithRecoveryKey(target, source.clinic.recoveryKey);
    const records = await Promise.all(
      (await listRequestsToExport(target, { criteria: ANY_REQUEST }, null)).map((row) =>
        openForExport(privateKey, row),
      ),
    );
    expect(records).toHaveLength(2);
    expect(records[0]?.fields['given-name']).toBe(`José${source.marker}`);
    expect(records[0]).toMatchObject({ id: source.requestId, status: 'contacted', campaign: 'radio' });
    const [note] = await target.query<{ id: string; sealed: Uint8Array }>(
      'SELECT id::text AS id, sealed FROM request_notes',
    );
    expect(await openNote(privateKey, note as { id: string; sealed: Uint8Array })).toBe(
      `Called back ${source.marker}`,
    );
    await expect(
      unlockWithPassword(target, source.clinic.email, source.clinic.password),
    ).resolves.toHaveLength(32);
  });

  it('keeps the audit chain intact, with the restore recorded at its end', async () => {
    expect(await verifyAudit(target)).toEqual({ ok: true, entries: auditEntriesBefore + 1 });
    const [last] = await target.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(last).toMatchObject({
      action: 'backup.restored',
      details: { backupCreatedAt: written.createdAt, rows: expect.any(Number) },
    });
  });

  it('continues identity sequences after the restored ids', async () => {
    const maxId = async (table: string) =>
      Number((await target.query<{ id: string }>(`SELECT max(id)::text AS id FROM ${table}`))[0]?.id);
    const outboxBefore = await maxId('notification_outbox');
    const eventsBefore = await maxId('analytics_events');
    const publicKey = (await getClinicPublicKey(target)) as Uint8Array;
    await storeRequest(target, publicKey, buildRequestFields(newMarker()), {
      receivedAt: new Date(),
      locale: 'en',
      sourcePage: null,
      campaign: null,
      idempotencyKey: 'after-restore',
    });
    await target.rawTransaction((sql) => insertEvents(sql, [pageview(7, '2026-01-17')]));
    expect(await maxId('notification_outbox')).toBe(outboxBefore + 1);
    expect(await maxId('analytics_events')).toBe(eventsBefore + 1);
  });
});

describe('a restore refuses', () => {
  let source: Database;
  let file: string;
  let lines: string[];

  beforeAll(async () => {
    source = await freshDatabase(onPostgres ? 'postgres' : 'pglite');
    await fillClinic(source);
    file = newPath();
    await createBackup(source, file);
    lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  });

  /** A copy of the backup with its lines edited, gzip'd again. */
  function editedBackup(edit: (lines: string[]) => string[]): string {
    const path = newPath();
    writeFileSync(path, gzipSync(edit([...lines]).join('\n')));
    return path;
  }
  const editHeader = (change: (header: BackupHeader) => BackupHeader) =>
    editedBackup(([head, ...rows]) => [
      JSON.stringify(change(JSON.parse(head as string) as BackupHeader)),
      ...rows,
    ]);

  // One new database takes every refused restore: each refusal must leave it as empty as it was.
  let emptyTarget: Database | undefined;

  /** Restores into the new database and expects a refusal that leaves it empty. */
  async function refusal(path: string): Promise<string> {
    const target = (emptyTarget ??= await freshDatabase(onPostgres ? 'postgres' : 'pglite'));
    const error = await restoreBackup(target, path).then(
      () => new Error('the restore was not refused'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect(await backedUpCounts(target)).toEqual(EMPTY);
    return error.message;
  }

  it('a database that already holds data, changing nothing', async () => {
    const before = await backedUpCounts(source);
    await expect(restoreBackup(source, file)).rejects.toThrow(
      /^The database already holds data \(in staff, staff_recovery_codes, clinic_keys, key_wraps, app_secrets, requests, .*audit_log\): restore only into a new, empty database/,
    );
    expect(await backedUpCounts(source)).toEqual(before);
  });

  it('a file that is not a backup', async () => {
    const text = newPath('notes.txt');
    writeFileSync(text, 'Monday: call the lab.\n');
    expect(await refusal(text)).toBe(`${text} is not a Clinic Site backup (it is not a gzip file).`);
    const json = newPath('other.json.gz');
    writeFileSync(json, gzipSync('{"format":"another-tool"}\n'));
    expect(await refusal(json)).toBe(`${json} is not a Clinic Site backup.`);
    const missing = join(workDir, 'no-such-backup.gz');
    expect(await refusal(missing)).toBe(`There is no file at ${missing}.`);
  });

  it('a gzip file whose checksum fails at its very end, after loading every row (rolled back)', async () => {
    const bytes = Buffer.from(readFileSync(file));
    bytes[bytes.length - 8] = (bytes[bytes.length - 8] ?? 0) ^ 0xff; // the CRC-32 of the gzip trailer
    const damaged = newPath('damaged.ndjson.gz');
    writeFileSync(damaged, bytes);
    expect(await refusal(damaged)).toBe(`${damaged} is damaged: its compressed data is corrupt.`);
  });

  it('a truncated gzip file, after loading part of it (rolled back)', async () => {
    const bytes = readFileSync(file);
    const cut = newPath('cut.ndjson.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    expect(await refusal(cut)).toBe(
      `${cut} is incomplete: the file ends early (cut short, or still being copied).`,
    );
  });

  it('a file missing rows its header lists, after inserting the others (rolled back)', async () => {
    const short = editedBackup((all) =>
      all.filter((line, i) => !(line.startsWith('{"t":"analytics_events"') && i % 2)),
    );
    expect(await refusal(short)).toMatch(
      new RegExp(
        `^${short} is incomplete: it holds \\d+ row\\(s\\) of analytics_events where its header lists 1203\\.$`,
      ),
    );
  });

  it('a row the database does not accept', async () => {
    const broken = editedBackup((all) =>
      all.map((line) =>
        line.startsWith('{"t":"requests"') ? line.replace(/"locale":"es"/, '"locale":"fr"') : line,
      ),
    );
    expect(await refusal(broken)).toMatch(
      new RegExp(
        `^${broken} could not be loaded: the database refused rows of requests \\(.*requests_locale_check.*\\); nothing was restored\\.$`,
      ),
    );
  });

  it('a backup from a newer or an older schema, naming both versions', async () => {
    const current = newestMigration();
    const newer = editHeader((header) => ({ ...header, schemaVersion: header.schemaVersion + 1 }));
    expect(await refusal(newer)).toBe(
      `This backup was made by a newer Clinic Site (schema version ${current + 1}; this one has ${current}): upgrade Clinic Site first, then restore.`,
    );
    const older = editHeader((header) => ({ ...header, schemaVersion: 9 }));
    expect(await refusal(older)).toMatch(
      new RegExp(`^This backup has schema version 9 and this Clinic Site has ${current}: restore it with`),
    );
  });

  it('a header that names a session table', async () => {
    const sessions = editHeader((header) => ({
      ...header,
      tables: [...header.tables, { name: 'staff_sessions', rows: 0 }],
    }));
    expect(await refusal(sessions)).toBe(
      `${sessions} holds a table this Clinic Site does not restore ("staff_sessions").`,
    );
  });
});

describe('a backup refuses', () => {
  it('to overwrite a file, or to race an unfinished one, leaving both untouched', async () => {
    const db = await freshDatabase(onPostgres ? 'postgres' : 'pglite');
    const existing = newPath();
    writeFileSync(existing, 'keep me');
    await expect(createBackup(db, existing)).rejects.toThrow(
      `${existing} already exists: a backup never overwrites a file; choose another name.`,
    );
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(existsSync(`${existing}.partial`)).toBe(false);

    const target = newPath();
    writeFileSync(`${target}.partial`, 'another backup');
    await expect(createBackup(db, target)).rejects.toThrow(`${target}.partial already exists`);
    expect(readFileSync(`${target}.partial`, 'utf8')).toBe('another backup');
    expect(existsSync(target)).toBe(false);
  });
});
