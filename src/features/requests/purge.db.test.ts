import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicPublicKey, insertTestRequest, insertTestStaff } from '../../../tests/setup/inbox-fixtures.ts';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { listHistory } from './history-queries.ts';
import { listPurgeable, purgeExpiredRequests } from './purge.ts';
import { sealNote } from './sealing.ts';
import { changeStatus, insertNote, type Actor } from './workflow-queries.ts';

let db: TestDatabase;
let actor: Actor;
const now = new Date('2026-11-25T20:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

beforeAll(async () => {
  db = await openTestDatabase();
  await setUpClinic(db);
  actor = {
    staffId: await insertTestStaff(db, 'coord@clinic.test'),
    email: 'coord@clinic.test',
    address: null,
  };
});
afterAll(() => db.close());

/** A request received `age` days ago, closed `closedDaysAgo` days ago, with one note. */
async function closedRequest(age: number, closedDaysAgo: number) {
  const request = await insertTestRequest(db, { receivedAt: daysAgo(age) });
  const noteId = crypto.randomUUID();
  const sealed = await sealNote(await clinicPublicKey(db), noteId, `note ${request.marker}`);
  await insertNote(db, { noteId, requestId: request.id, sealed, actor, now: daysAgo(closedDaysAgo) });
  await changeStatus(db, {
    requestId: request.id,
    from: 'new',
    to: 'closed',
    actor,
    now: daysAgo(closedDaysAgo),
  });
  return request;
}

const sealedBytes = async (id: string) =>
  (await db.query<{ n: number }>('SELECT octet_length(sealed) AS n FROM requests WHERE id = $1', [id]))[0]?.n;

describe('purgeExpiredRequests', () => {
  it('deletes the sealed request and its notes once closed longer than the period, keeping the audit', async () => {
    const old = await closedRequest(400, 40);
    const recent = await closedRequest(400, 10); // received long ago, but closed only 10 days ago
    const open = await insertTestRequest(db, { receivedAt: daysAgo(400), status: 'contacted' });
    expect(await listPurgeable(db, daysAgo(30))).toEqual([old.id]);

    expect(await purgeExpiredRequests(db, { now, retentionDays: 30, trigger: 'command-line' })).toEqual([
      old.id,
    ]);

    expect(await sealedBytes(old.id)).toBe(0);
    expect(await sealedBytes(recent.id)).toBeGreaterThan(32);
    expect(await sealedBytes(open.id)).toBeGreaterThan(32);
    const [row] = await db.query<{ status: string; reference: string }>(
      'SELECT status, reference FROM requests WHERE id = $1',
      [old.id],
    );
    expect(row).toEqual({ status: 'purged', reference: old.reference });
    const history = await listHistory(db, old.id);
    expect(history.notes).toEqual([]);
    expect(history.changes.at(-1)).toMatchObject({ by: null, from: 'closed', to: 'purged', at: now });
    expect((await listHistory(db, recent.id)).notes).toHaveLength(1);
    // Nothing the patient typed is left anywhere in the row.
    const dump = await db.query<{ t: string }>(
      'SELECT row_to_json(r)::text AS t FROM requests r WHERE id = $1',
      [old.id],
    );
    expect(dump[0]?.t).not.toContain(old.marker);

    const [entry] = await listAudit(db, { action: 'request.purged' });
    expect(entry).toMatchObject({
      target: `request:${old.id}`,
      actorId: null,
      details: { trigger: 'command-line', retentionDays: 30, notesDeleted: 1 },
    });
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('purges each request once, even when two purges run at the same time', async () => {
    const old = await closedRequest(100, 60);
    const runs = await Promise.all([
      purgeExpiredRequests(db, { now, retentionDays: 30, trigger: 'daily-job' }),
      purgeExpiredRequests(db, { now, retentionDays: 30, trigger: 'daily-job' }),
    ]);
    expect(runs.flat()).toEqual([old.id]);
    expect(await listAudit(db, { target: `request:${old.id}`, action: 'request.purged' })).toHaveLength(1);
    expect(await purgeExpiredRequests(db, { now, retentionDays: 30, trigger: 'daily-job' })).toEqual([]);
  });

  it('leaves a purged request out of the workflow', async () => {
    const old = await closedRequest(100, 60);
    await purgeExpiredRequests(db, { now, retentionDays: 30, trigger: 'daily-job' });
    expect(await changeStatus(db, { requestId: old.id, from: 'purged', to: 'new', actor, now })).toBe(
      'purged',
    );
  });
});
