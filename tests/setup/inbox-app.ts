import { setUpClinic, type TestClinic } from './keys.ts';
import {
  addMember,
  signIn,
  staffBrowser,
  testClock,
  type Credentials,
  type StaffBrowser,
  type TestClock,
} from './staff.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** The app with a hand-moved clock, a set-up clinic and one member of each role, signed in. */
export type InboxWorld = {
  t: TestApp;
  clock: TestClock;
  clinic: TestClinic;
  members: Record<'admin' | 'coordinator' | 'marketing', Credentials>;
  /** A browser signed in as each member. */
  as: Record<'admin' | 'coordinator' | 'marketing', StaffBrowser>;
};

/**
 * Builds the world the inbox route tests share. The clock starts on a Wednesday morning in
 * Los Angeles (2026-11-25 09:00 PST), inside the example clinic's opening hours, and stands at
 * 09:05 once everyone is signed in.
 * @example const w = await inboxWorld(); const page = await w.as.coordinator.get('/staff/');
 */
export async function inboxWorld(start = new Date('2026-11-25T17:00:00Z')): Promise<InboxWorld> {
  const clock = testClock(start);
  const t = await createTestApp({ now: clock.now, clientAddress: () => '203.0.113.5' });
  const clinic = await setUpClinic(t.db);
  const adminKey = clinic.privateKey;
  const members = {
    admin: { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret },
    coordinator: await addMember(t.db, { email: 'coord@clinic.test', role: 'coordinator', adminKey, clock }),
    marketing: await addMember(t.db, {
      email: 'marketing@clinic.test',
      role: 'marketing',
      adminKey: null,
      clock,
    }),
  };
  const as = { admin: staffBrowser(t.app), coordinator: staffBrowser(t.app), marketing: staffBrowser(t.app) };
  for (const role of ['admin', 'coordinator', 'marketing'] as const) {
    const res = (await signIn(as[role], members[role], clock)).res;
    if (res.status !== 303) throw new Error(`${role} did not sign in (${res.status})`);
  }
  // Sign-ins moved the clock on by 30 s each; continue from a round time (forward only).
  clock.set(new Date(start.getTime() + 5 * 60_000));
  return { t, clock, clinic, members, as };
}
