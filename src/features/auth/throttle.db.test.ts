import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { createLogger } from '../../lib/logger.ts';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import {
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

  it('delays an account more after each failure past three, an unknown one exactly like a real one', async () => {
    for (const email of ['ghost@clinic.test', admin.email]) {
      let n = 0;
      const attempt = (password: string) => passwordStep(email, password, `192.0.2.${100 + n++}`);
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
});

describe('throttling across instances', () => {
  it('is shared by every instance, since its state is in the database', async () => {
    clock.advance(25 * 60 * 60_000);
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const other = createApp({
      env: { siteUrl: TEST_SITE_URL },
      db: t.db,
      logger: createLogger('silent', sink),
      publicSite: await testPublicSite(),
      now: clock.now,
    });
    for (let i = 0; i < 4; i++) {
      expect(
        (await passwordStep('shared@clinic.test', 'wrong password here', `192.0.2.${200 + i}`)).res.status,
      ).toBe(422);
    }
    const b = staffBrowser(other);
    const form = await b.get('/staff/sign-in');
    const blocked = await b.post('/staff/sign-in', {
      csrf: fieldValue(form.html, 'csrf'),
      email: 'shared@clinic.test',
      password: 'x',
    });
    expect(blocked.res.status).toBe(429);
  });
});
