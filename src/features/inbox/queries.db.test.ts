import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicPublicKey,
  insertTestRequest,
  insertTestStaff,
  present,
  type StoredTestRequest,
} from '../../../tests/setup/inbox-fixtures.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { DEFAULT_FILTER, type InboxFilter } from './inbox-filter.ts';
import { listInbox } from './listing.ts';
import {
  changeStatus,
  getRequestIdByReference,
  getSealedRequest,
  insertCallAttempt,
  insertNote,
  listHistory,
  listNewArrivals,
  openNote,
  openRequestFields,
  sealNote,
  type Actor,
} from '../requests/index.ts';

let db: TestDatabase;
let clinic: TestClinic;
let actor: Actor;
const now = new Date('2026-11-25T20:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const requests: StoredTestRequest[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  clinic = await setUpClinic(db);
  actor = {
    staffId: await insertTestStaff(db, 'coord@clinic.test'),
    email: 'coord@clinic.test',
    address: '203.0.113.9',
  };
  // 0: today, en, new; 1: 3 days, es, contacted; 2: 10 days, es, closed; 3: 40 days, en, purged-like closed
  requests.push(await insertTestRequest(db, { receivedAt: daysAgo(0.1) }));
  requests.push(await insertTestRequest(db, { receivedAt: daysAgo(3), locale: 'es', status: 'contacted' }));
  requests.push(await insertTestRequest(db, { receivedAt: daysAgo(10), locale: 'es', status: 'closed' }));
  requests.push(await insertTestRequest(db, { receivedAt: daysAgo(40) }));
});
afterAll(() => db.close());

const list = (filter: Partial<InboxFilter>, pageSize = 25) =>
  listInbox(db, { ...DEFAULT_FILTER, ...filter }, now, pageSize);
const ids = (n: number[]) => n.map((i) => requests[i]?.id);

describe('listInbox', () => {
  it('lists newest first, and filters by status, language and age', async () => {
    expect((await list({})).rows.map((r) => r.id)).toEqual(ids([0, 1, 2, 3]));
    expect((await list({ status: 'closed' })).rows.map((r) => r.id)).toEqual(ids([2]));
    expect((await list({ locale: 'es' })).rows.map((r) => r.id)).toEqual(ids([1, 2]));
    expect((await list({ age: 'week' })).rows.map((r) => r.id)).toEqual(ids([0, 1]));
    expect((await list({ age: 'over-month' })).rows.map((r) => r.id)).toEqual(ids([3]));
  });

  it('finds by request number, whole or its start, however typed', async () => {
    const reference = requests[1]?.reference ?? '';
    expect((await list({ q: reference.toLowerCase().replace('-', ' ') })).rows.map((r) => r.id)).toEqual(
      ids([1]),
    );
    expect((await list({ q: reference.slice(0, 6) })).rows.map((r) => r.id)).toContain(requests[1]?.id);
    expect((await list({ q: 'no such!' })).total).toBe(0);
    expect(await getRequestIdByReference(db, reference)).toBe(requests[1]?.id);
  });

  it('pages with a total, without opening anything', async () => {
    const first = await list({}, 3);
    const second = await list({ page: 2 }, 3);
    expect(first.total).toBe(4);
    expect(first.rows).toHaveLength(3);
    expect(second.rows.map((r) => r.id)).toEqual(ids([3]));
    expect(Object.keys(first.rows[0] ?? {}).sort()).toEqual([
      'id',
      'locale',
      'receivedAt',
      'reference',
      'status',
    ]);
  });

  it('lists when each new request arrived, oldest first', async () => {
    expect(await listNewArrivals(db)).toEqual([requests[3]?.receivedAt, requests[0]?.receivedAt]);
  });
});

describe('the request page data', () => {
  it('opens a request with the clinic key and its id, and refuses ids that are not ids', async () => {
    const row = present(await getSealedRequest(db, requests[0]?.id ?? ''), 'request');
    const fields = await openRequestFields(clinic.privateKey, row);
    expect(fields.givenName).toContain(requests[0]?.marker);
    // Sealed to another row's id, the same bytes do not open.
    await expect(
      openRequestFields(clinic.privateKey, { ...row, id: requests[1]?.id ?? '' }),
    ).rejects.toThrow();
    expect(await getSealedRequest(db, 'not-a-uuid')).toBeNull();
    expect(await getSealedRequest(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('the workflow writes', () => {
  it('changes a status with who and when, audited; refuses a stale change', async () => {
    const requestId = requests[0]?.id ?? '';
    expect(await changeStatus(db, { requestId, from: 'new', to: 'contacted', actor, now })).toBe('done');
    expect(await changeStatus(db, { requestId, from: 'new', to: 'closed', actor, now })).toBe('conflict');
    const { changes } = await listHistory(db, requestId);
    expect(changes).toEqual([
      { id: expect.any(String), at: now, by: 'coord@clinic.test', from: 'new', to: 'contacted' },
    ]);
    const [entry] = await listAudit(db, { target: `request:${requestId}` });
    expect(entry).toMatchObject({
      action: 'request.status_changed',
      actorId: actor.staffId,
      address: '203.0.113.9',
      details: { from: 'new', to: 'contacted' },
    });
  });

  it('logs a call attempt, audited', async () => {
    const requestId = requests[1]?.id ?? '';
    const calledAt = new Date(now.getTime() - 600_000);
    expect(await insertCallAttempt(db, { requestId, outcome: 'voicemail', calledAt, actor, now })).toBe(
      'done',
    );
    expect((await listHistory(db, requestId)).calls).toEqual([
      {
        id: expect.any(String),
        at: calledAt,
        by: 'coord@clinic.test',
        channel: 'phone',
        outcome: 'voicemail',
        followUpAt: null,
      },
    ]);
    expect((await listAudit(db, { target: `request:${requestId}` }))[0]).toMatchObject({
      action: 'request.call_logged',
      details: { outcome: 'voicemail' },
    });
  });

  it('stores a note sealed: the table holds no plaintext, and the note opens only under its own id', async () => {
    const requestId = requests[1]?.id ?? '';
    const noteId = crypto.randomUUID();
    const text = `Prefers Spanish; call after 5 ${requests[1]?.marker}`;
    const sealed = await sealNote(await clinicPublicKey(db), noteId, text);
    expect(await insertNote(db, { noteId, requestId, sealed, actor, now })).toBe('done');
    const dump = await db.query<{ t: string }>("SELECT encode(sealed, 'escape') AS t FROM request_notes");
    expect(dump.map((r) => r.t).join()).not.toContain(requests[1]?.marker);
    const note = present((await listHistory(db, requestId)).notes[0], 'note');
    expect(await openNote(clinic.privateKey, note)).toBe(text);
    expect(await openNote(clinic.privateKey, { ...note, id: crypto.randomUUID() })).toBeNull();
    const audit = await listAudit(db, { action: 'request.note_added' });
    expect(JSON.stringify(audit)).not.toContain(requests[1]?.marker);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('answers not-found for a request that does not exist', async () => {
    const requestId = '00000000-0000-4000-8000-000000000000';
    expect(await insertCallAttempt(db, { requestId, outcome: 'reached', calledAt: now, actor, now })).toBe(
      'not-found',
    );
  });
});
