import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import type { TestClinic } from '../../../tests/setup/keys.ts';
import {
  addMember,
  adminWorld,
  fieldValue,
  signIn,
  staffBrowser,
  testClock,
} from '../../../tests/setup/staff.ts';
import type { TestApp } from '../../../tests/setup/test-app.ts';

const clock = testClock(new Date('2026-11-25T17:00:00Z'));
let t: TestApp;
let clinic: TestClinic;

beforeAll(async () => {
  ({ t, clinic } = await adminWorld(clock));
});
afterAll(() => t.close());

async function signedInMember(email: string, role: 'coordinator' | 'marketing' = 'coordinator') {
  const adminKey = role === 'marketing' ? null : clinic.privateKey;
  const member = await addMember(t.db, { email, role, adminKey, clock });
  const browser = staffBrowser(t.app);
  expect((await signIn(browser, member, clock)).res.status).toBe(303);
  return { member, browser };
}

type Stored = {
  display_name: string | null;
  locale: string;
  notify_new_requests: boolean;
  notify_daily_summary: boolean;
};
const stored = async (staffId: string) =>
  (
    await t.db.query<Stored>(
      'SELECT display_name, locale, notify_new_requests, notify_daily_summary FROM staff WHERE id = $1',
      [staffId],
    )
  )[0];

describe('a member’s own settings on the account page', () => {
  it('saves name, language and both e-mail choices, audited with what changed, and shows them again', async () => {
    const { member, browser } = await signedInMember('settings@clinic.test');
    const form = await browser.get('/staff/account');
    expect(form.res.status).toBe(200);
    const doc = parse(form.html);
    expect(doc.querySelector('#locale-en')?.hasAttribute('checked')).toBe(true);
    expect(doc.querySelector('#notifyNewRequests')?.hasAttribute('checked')).toBe(false);

    const saved = await browser.post('/staff/account/settings', {
      csrf: fieldValue(form.html, 'csrf'),
      displayName: '  Rosa   Díaz ',
      locale: 'es',
      notifyNewRequests: 'yes',
      notifyDailySummary: 'yes',
    });
    expect(saved.res.status).toBe(303);
    expect(saved.res.headers.get('location')).toBe('/staff/account?changed=settings');
    expect(await stored(member.staffId)).toEqual({
      display_name: 'Rosa Díaz',
      locale: 'es',
      notify_new_requests: true,
      notify_daily_summary: true,
    });
    const [entry, ...more] = await listAudit(t.db, {
      action: 'staff.preferences_changed',
      target: `staff:${member.staffId}`,
    });
    expect(more).toHaveLength(0);
    expect(entry?.actorId).toBe(member.staffId);
    expect(entry?.details).toEqual({
      displayName: 'Rosa Díaz',
      locale: 'es',
      notifyNewRequests: true,
      notifyDailySummary: true,
    });

    const again = parse((await browser.get('/staff/account?changed=settings')).html);
    expect(again.querySelector('.notice')?.text).toContain('Your settings are saved.');
    expect(again.querySelector('#displayName')?.getAttribute('value')).toBe('Rosa Díaz');
    expect(again.querySelector('#locale-es')?.hasAttribute('checked')).toBe(true);
    expect(again.querySelector('#notifyDailySummary')?.hasAttribute('checked')).toBe(true);

    // Unticking one box changes only that, and the audit says so.
    await browser.post('/staff/account/settings', {
      csrf: fieldValue(form.html, 'csrf'),
      displayName: 'Rosa Díaz',
      locale: 'es',
      notifyDailySummary: 'yes',
    });
    expect((await stored(member.staffId))?.notify_new_requests).toBe(false);
    const entries = await listAudit(t.db, {
      action: 'staff.preferences_changed',
      target: `staff:${member.staffId}`,
    });
    expect(entries[0]?.details).toEqual({ notifyNewRequests: false });
  });

  it('refuses a name that is too long or a language it does not offer, saying which, keeping what was typed', async () => {
    const { member, browser } = await signedInMember('typo@clinic.test');
    const form = await browser.get('/staff/account');
    const long = 'N'.repeat(81);
    const refused = await browser.post('/staff/account/settings', {
      csrf: fieldValue(form.html, 'csrf'),
      displayName: long,
      locale: 'fr',
      notifyNewRequests: 'yes',
    });
    expect(refused.res.status).toBe(422);
    const doc = parse(refused.html);
    expect(doc.querySelector('title')?.text).toMatch(/^Error: /);
    const summary = doc.querySelectorAll('.error-summary a').map((a) => [a.getAttribute('href'), a.text]);
    expect(summary).toEqual([
      ['#displayName', 'Your name can be at most 80 characters; this one has 81.'],
      ['#locale', 'Choose English or Spanish.'],
    ]);
    expect(doc.querySelector('#displayName')?.getAttribute('value')).toBe(long);
    expect(doc.querySelector('#notifyNewRequests')?.hasAttribute('checked')).toBe(true);
    expect(await stored(member.staffId)).toEqual({
      display_name: null,
      locale: 'en',
      notify_new_requests: false,
      notify_daily_summary: false,
    });
  });

  it('refuses a post without the form’s CSRF token', async () => {
    const { member, browser } = await signedInMember('forged@clinic.test');
    const forged = await browser.post('/staff/account/settings', { locale: 'es', notifyNewRequests: 'yes' });
    expect(forged.res.status).toBe(403);
    expect((await stored(member.staffId))?.notify_new_requests).toBe(false);
  });

  it('names the member on the staff page by the name they chose', async () => {
    const { member, browser } = await signedInMember('named-self@clinic.test');
    const form = await browser.get('/staff/account');
    await browser.post('/staff/account/settings', {
      csrf: fieldValue(form.html, 'csrf'),
      displayName: 'Ana Núñez',
      locale: 'en',
    });
    const admin = staffBrowser(t.app);
    await signIn(
      admin,
      { email: clinic.email, password: clinic.password, totpSecret: clinic.totpSecret },
      clock,
    );
    const rows = parse((await admin.get('/staff/staff')).html).querySelectorAll('.member-list li');
    expect(rows.find((li) => li.text.includes(member.email))?.text).toContain('Ana Núñez');
  });

  it('offers the weekly analytics summary to marketing and saves it; a coordinator is neither offered it nor can set it', async () => {
    const weekly = async (staffId: string) =>
      (
        await t.db.query<{ notify_weekly_summary: boolean }>(
          'SELECT notify_weekly_summary FROM staff WHERE id = $1',
          [staffId],
        )
      )[0]?.notify_weekly_summary;
    const analyst = await signedInMember('weekly-marketing@clinic.test', 'marketing');
    const offered = parse((await analyst.browser.get('/staff/account')).html);
    expect(offered.querySelector('label[for="notifyWeeklySummary"]')?.text).toBe(
      'E-mail me a weekly analytics summary',
    );
    // Marketing reads no requests: no request notices or daily inbox summary on offer.
    expect(offered.querySelector('#notifyNewRequests')).toBeNull();
    await analyst.browser.post('/staff/account/settings', {
      csrf: offered.querySelector('input[name="csrf"]')?.getAttribute('value') ?? '',
      locale: 'en',
      notifyWeeklySummary: 'yes',
    });
    expect(await weekly(analyst.member.staffId)).toBe(true);
    const again = parse((await analyst.browser.get('/staff/account')).html);
    expect(again.querySelector('#notifyWeeklySummary')?.hasAttribute('checked')).toBe(true);

    const coordinator = await signedInMember('weekly-coordinator@clinic.test');
    const form = await coordinator.browser.get('/staff/account');
    expect(parse(form.html).querySelector('#notifyWeeklySummary')).toBeNull();
    const forged = await coordinator.browser.post('/staff/account/settings', {
      csrf: fieldValue(form.html, 'csrf'),
      locale: 'en',
      notifyWeeklySummary: 'yes',
    });
    expect(forged.res.status).toBe(303);
    expect(await weekly(coordinator.member.staffId)).toBe(false);
  });
});
