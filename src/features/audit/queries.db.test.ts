import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { listAudit, recordAudit, verifyAudit } from './queries.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const event = (action: string, target: string) => ({
  actorId: null,
  actorEmail: 'admin@clinic.test',
  action,
  target,
  address: '203.0.113.7',
  details: {},
});

describe('the audit trail', () => {
  it('chains entries written concurrently, and lists them newest first', async () => {
    const now = new Date('2026-11-25T10:00:00.123Z');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => recordAudit(db, event('request.viewed', `request:${i}`), now)),
    );
    await recordAudit(db, event('signin.failed', 'staff:x'), new Date('2026-11-25T10:01:00Z'));
    expect(await verifyAudit(db)).toEqual({ ok: true, entries: 13 });
    const newest = await listAudit(db, {}, 2);
    expect(newest.map((e) => e.id)).toEqual([13, 12]);
    expect(await listAudit(db, { action: 'signin' })).toHaveLength(1);
    expect((await listAudit(db, { target: 'request:3' }))[0]?.address).toBe('203.0.113.7');
  });

  it('refuses an update or delete through SQL', async () => {
    await expect(db.query("UPDATE audit_log SET action = 'nothing' WHERE id = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
  });

  it('shows an edit or a deletion made by someone who switched the guard off', async () => {
    const [original] = await db.query<{ target: string }>('SELECT target FROM audit_log WHERE id = 5');
    await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await db.query("UPDATE audit_log SET target = 'request:other' WHERE id = 5");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5 });
      await db.query('UPDATE audit_log SET target = $1 WHERE id = 5', [original?.target]);
      expect(await verifyAudit(db)).toMatchObject({ ok: true });
      await db.query('DELETE FROM audit_log WHERE id = 7');
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 8 });
    } finally {
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
  });
});
