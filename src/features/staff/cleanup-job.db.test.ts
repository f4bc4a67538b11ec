import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { signIn, staffBrowser, testClock } from '../../../tests/setup/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { DEFAULT_SESSION_POLICY } from '../auth/index.ts';
import { createStaffCleanupJob } from './cleanup-job.ts';
import { createInvite } from './invites.ts';

const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
beforeAll(async () => {
  t = await createTestApp({ now: clock.now });
  clinic = await setUpClinic(t.db);
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('the staff cleanup job', () => {
  it('deletes ended sessions (with their keys) and expired invites (with their key copies), and nothing live', async () => {
    const job = createStaffCleanupJob({
      db: t.db,
      logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
    });
    await signIn(
      staffBrowser(t.app),
      { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret },
      clock,
    );
    const actor = { staffId: clinic.adminId, email: clinic.email, address: null, via: 'web' } as const;
    await createInvite(t.db, {
      email: 'soon@clinic.test',
      role: 'coordinator',
      privateKey: clinic.privateKey,
      actor,
      now: clock.now(),
    });
    await job.runOnce(clock.now());
    expect([
      await count('staff_sessions'),
      await count('staff_invites'),
      await count("key_wraps WHERE kind = 'invite'"),
    ]).toEqual([1, 1, 1]);

    clock.advance(DEFAULT_SESSION_POLICY.idleMs);
    await job.runOnce(clock.now());
    // An ended session's key goes at once; its row an hour later (a form posted late is kept for its member).
    expect(await count('staff_sessions WHERE sealed_key IS NOT NULL')).toBe(0);
    expect(await count('staff_sessions')).toBe(1);
    clock.advance(60 * 60_000);
    await job.runOnce(clock.now());
    expect(await count('staff_sessions')).toBe(0);
    expect(await count('staff_invites')).toBe(1);

    clock.advance(71 * 60 * 60_000);
    await job.runOnce(clock.now());
    expect([await count('staff_invites'), await count("key_wraps WHERE kind = 'invite'")]).toEqual([0, 0]);
    expect(await count("key_wraps WHERE kind = 'password'")).toBe(1);
  });
});
