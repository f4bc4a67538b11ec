import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { openDatabase } from '../../db/client.ts';
import { resetMember } from '../staff/index.ts';
import { throttleKeys } from './throttle-queries.ts';
import { createLogger } from '../../lib/logger.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  fieldValue,
  signIn,
  staffBrowser,
  testAddress,
  testClock,
  totpAt,
  tryCode,
  tryPassword,
  type Credentials,
} from '../../../tests/setup/staff.ts';
import { createTestApp, TEST_SITE_URL, testPublicSite, type TestApp } from '../../../tests/setup/test-app.ts';

const clock = testClock();
let t: TestApp;
let clinic: TestClinic;
let admin: Credentials;

beforeAll(async () => {
  t = await createTestApp({ now: clock.now, clientAddress: testAddress });
  clinic = await setUpClinic(t.db);
  admin = { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret };
});
afterAll(() => t.close());

const passwordStep = (email: string, password: string, address?: string) =>
  tryPassword(t.app, email, password, address);
const alertText = (html: string) => /role="alert"[\s\S]*?<a [^>]*>([^<]*)</.exec(html)?.[1] ?? '';

describe('throttling', () => {
  // A quiet day forgets earlier failures, so each test starts from none.
  beforeEach(() => clock.advance(25 * 60 * 60_000));

  it('delays an account on one address more after each failure past three, an unknown one exactly like a real one', async () => {
    for (const [email, address] of [
      ['ghost@clinic.test', '192.0.2.100'],
      [admin.email, '192.0.2.101'],
    ] as const) {
      const attempt = (password: string) => passwordStep(email, password, address);
      for (let i = 0; i < 3; i++) expect((await attempt('wrong password here')).res.status).toBe(422);
      expect((await attempt('wrong password here')).res.status).toBe(422); // 4th: now blocked 2 s
      const blocked = await attempt(admin.password);
      expect(blocked.res.status).toBe(429);
      expect(blocked.res.headers.get('retry-after')).toBe('2');
      expect(alertText(blocked.html)).toContain('Wait 2 seconds');
      clock.advance(2_000);
      expect((await attempt('wrong password here')).res.status).toBe(422); // 5th: blocked 4 s
      expect((await attempt(admin.password)).res.headers.get('retry-after')).toBe('4');
      clock.advance(4_000);
      expect((await attempt('wrong password here')).res.status).toBe(422); // 6th: blocked 8 s
      expect((await attempt(admin.password)).res.headers.get('retry-after')).toBe('8');
      clock.advance(8_000);
    }
    // Once the wait is over the right password works, and a full sign-in clears the account's count.
    const b = staffBrowser(t.app);
    expect((await signIn(b, admin, clock)).res.status).toBe(303);
    expect((await passwordStep(admin.email, 'wrong password here', '192.0.2.99')).res.status).toBe(422);
    expect((await passwordStep(admin.email, admin.password, '192.0.2.98')).res.status).toBe(303);
  });

  it('does not lock a member out on their usual address while a stranger hammers the account', async () => {
    const usual = '198.51.100.1'; // signIn's address
    const b = staffBrowser(t.app);
    expect((await signIn(b, admin, clock)).res.status).toBe(303);
    // From one address: that address is slowed down after four failures.
    const burst = [];
    for (let i = 0; i < 20; i++)
      burst.push((await passwordStep(admin.email, 'wrong guess', '203.0.113.9')).res.status);
    expect(burst.filter((status) => status === 422)).toHaveLength(4);
    // From many addresses: the account is slowed down everywhere but where its member signs in
    // (its counter already holds the four failures above: seven more reach the block).
    for (let i = 0; i < 7; i++)
      expect((await passwordStep(admin.email, 'wrong guess', `203.0.113.${100 + i}`)).res.status).toBe(422);
    expect((await passwordStep(admin.email, admin.password, '203.0.113.200')).res.status).toBe(429);
    expect((await passwordStep(admin.email, admin.password, usual)).res.status).toBe(303);
  });

  it('counts wrong codes against the account too', async () => {
    const right = await passwordStep(admin.email, admin.password, '192.0.2.150');
    for (let i = 0; i < 4; i++)
      expect((await tryCode(right.b, { code: '000000' }, right.headers)).res.status).toBe(422);
    const blocked = await tryCode(
      right.b,
      { code: await totpAt(admin.totpSecret, clock.now()) },
      right.headers,
    );
    expect(blocked.res.status).toBe(429);
    clock.advance(2_000);
    expect(
      (await tryCode(right.b, { code: await totpAt(admin.totpSecret, clock.now()) }, right.headers)).res
        .status,
    ).toBe(303);
  });

  it('delays an address after ten failures, whatever accounts it tries', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 11; i++) {
      expect((await passwordStep(`guess${i}@clinic.test`, 'wrong password here', address)).res.status).toBe(
        422,
      );
    }
    const blocked = await passwordStep(admin.email, admin.password, address);
    expect(blocked.res.status).toBe(429);
    expect((await passwordStep(admin.email, admin.password, '203.0.113.51')).res.status).toBe(303);
  });

  it("an admin clears a member's sign-in lock from the staff page (audited), and a reset clears it too", async () => {
    const member = await addMember(t.db, {
      email: 'locked@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    });
    const lockOut = async () => {
      for (let i = 0; i < 4; i++)
        expect((await passwordStep(member.email, 'wrong guess', '192.0.2.60')).res.status).toBe(422);
      expect((await passwordStep(member.email, member.password, '192.0.2.60')).res.status).toBe(429);
    };
    await lockOut();
    const b = staffBrowser(t.app);
    expect((await signIn(b, admin, clock)).res.status).toBe(303);
    const list = await b.get('/staff/staff');
    expect(list.html).toContain(`action="/staff/staff/${member.staffId}/clear-lock"`);
    const cleared = await b.post(`/staff/staff/${member.staffId}/clear-lock`, {
      csrf: fieldValue(list.html, 'csrf'),
    });
    expect(cleared.res.status).toBe(200);
    expect(cleared.html).toContain(
      'Sign-in lock cleared: locked@clinic.test can sign in again now, from any address.',
    );
    expect((await passwordStep(member.email, member.password, '192.0.2.60')).res.status).toBe(303);
    const audit = await t.db.query<{ actor_email: string; target: string }>(
      "SELECT actor_email, target FROM audit_log WHERE action = 'staff.signin-lock-cleared'",
    );
    expect(audit).toEqual([{ actor_email: admin.email, target: `staff:${member.staffId}` }]);

    await lockOut();
    await resetMember(t.db, {
      staffId: member.staffId,
      privateKey: null,
      actor: { staffId: null, email: null, address: null, via: 'cli' },
      now: clock.now(),
    });
    const [still] = await t.db.query<{ locked: number }>(
      'SELECT count(*)::int AS locked FROM signin_throttle WHERE account_key = $1 AND (failures > 0 OR blocked_until > $2)',
      [throttleKeys(member.email, '').account, clock.now()],
    );
    expect(still?.locked).toBe(0);
  });
});

describe('throttling across instances', () => {
  /** A second app on the same database: its own connection pool on PostgreSQL. */
  async function otherInstance() {
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const db = t.db.url ? await openDatabase({ url: t.db.url }) : t.db;
    const app = createApp({
      env: { siteUrl: TEST_SITE_URL },
      db,
      logger: createLogger('silent', sink),
      publicSite: await testPublicSite(),
      now: clock.now,
      clientAddress: testAddress,
    });
    return { app, close: () => (db === t.db ? Promise.resolve() : db.close()) };
  }

  it('is shared by every instance, since its state is in the database', async () => {
    clock.advance(25 * 60 * 60_000);
    const other = await otherInstance();
    try {
      for (let i = 0; i < 4; i++) {
        expect(
          (await passwordStep('shared@clinic.test', 'wrong password here', '192.0.2.200')).res.status,
        ).toBe(422);
      }
      expect((await tryPassword(other.app, 'shared@clinic.test', 'x', '192.0.2.200')).res.status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('holds 30 parallel wrong passwords on two instances to the limit: 4 checked, 26 refused', async () => {
    clock.advance(25 * 60 * 60_000);
    const other = await otherInstance();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          tryPassword(i % 2 ? other.app : t.app, admin.email, 'wrong password here', '203.0.113.77').then(
            (attempt) => attempt.res.status,
          ),
        ),
      );
      expect(statuses.filter((status) => status === 422)).toHaveLength(4);
      expect(statuses.filter((status) => status === 429)).toHaveLength(26);
    } finally {
      await other.close();
    }
  });

  it('holds 30 parallel wrong codes on one pending sign-in, on two instances, to the limit', async () => {
    clock.advance(25 * 60 * 60_000);
    const other = await otherInstance();
    try {
      const right = await passwordStep(admin.email, admin.password, '203.0.113.78');
      expect(right.res.status).toBe(303);
      expect((await tryCode(right.b, { code: '000000' }, right.headers)).res.status).toBe(422);
      // The same browser (its pending sign-in's cookie and token) posts to both instances at once.
      const page = await right.b.get('/staff/sign-in/code', right.headers);
      const headers = {
        ...right.headers,
        cookie: [...right.b.jar].map(([name, value]) => `${name}=${value}`).join('; '),
        origin: TEST_SITE_URL,
        'content-type': 'application/x-www-form-urlencoded',
      };
      const body = new URLSearchParams({ csrf: fieldValue(page.html, 'csrf'), code: '000000' }).toString();
      const statuses = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const app = i % 2 ? other.app : t.app;
          const res = await app.request('/staff/sign-in/code', {
            method: 'POST',
            headers,
            body,
            redirect: 'manual',
          });
          return res.status;
        }),
      );
      // One wrong code before: three more are checked, then the account on this address is blocked.
      expect(statuses.filter((status) => status === 422)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(27);
    } finally {
      await other.close();
    }
  });
});
