import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxWorld, type InboxWorld } from '../../../../tests/setup/inbox-app.ts';

// The dashboard as mounted in app.ts: behind staff sign-in, for admin and marketing only.
let w: InboxWorld;
beforeAll(async () => {
  w = await inboxWorld();
});
afterAll(() => w.t.close());

describe('who may open /staff/analytics', () => {
  it('admin and marketing see the dashboard', async () => {
    for (const role of ['admin', 'marketing'] as const) {
      const { res, html } = await w.as[role].get('/staff/analytics?range=7d');
      expect(res.status, role).toBe(200);
      expect(html).toContain('<h1');
      expect(res.headers.get('cache-control')).toBe('no-store');
      // The staff frame: sign-out, and the navigation this role may use, Analytics current.
      const page = parse(html);
      expect(page.querySelector('form[action="/staff/sign-out"]')).not.toBeNull();
      const nav = page.querySelectorAll('.staff-nav a').map((a) => a.text.trim());
      expect(nav, role).toEqual(
        role === 'admin' ? ['Inbox', 'Analytics', 'Staff', 'Audit', 'Account'] : ['Analytics', 'Account'],
      );
      expect(page.querySelector('.staff-nav [aria-current="page"]')?.text.trim()).toBe('Analytics');
    }
  });

  it('is where marketing lands in the staff area', async () => {
    const { res } = await w.as.marketing.get('/staff/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/analytics');
    expect((await w.as.coordinator.get('/staff/')).res.status).toBe(200);
  });

  it('a coordinator is refused, and a visitor is sent to sign in', async () => {
    expect((await w.as.coordinator.get('/staff/analytics')).res.status).toBe(403);
    const anonymous = await w.t.app.request('/staff/analytics');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/staff\/sign-in\?return=%2Fstaff%2Fanalytics/);
  });
});

describe('the "right now" poll', () => {
  it('answers admin and marketing with JSON, refuses a coordinator, sends a visitor to sign in', async () => {
    for (const role of ['admin', 'marketing'] as const) {
      const { res, html } = await w.as[role].get('/staff/analytics/now');
      expect(res.status, role).toBe(200);
      expect(JSON.parse(html), role).toEqual({ visitors: 0, minutes: 30 });
    }
    expect((await w.as.coordinator.get('/staff/analytics/now')).res.status).toBe(403);
    expect((await w.t.app.request('/staff/analytics/now')).status).toBe(303);
  });

  it('does not keep a session alive: an open dashboard still ends after 15 idle minutes', async () => {
    await w.as.marketing.get('/staff/analytics');
    // The page's script asks every 30 s; ten minutes of that, then six more without anyone.
    for (let i = 0; i < 20; i++) {
      w.clock.advance(30_000);
      expect((await w.as.marketing.get('/staff/analytics/now')).res.status).toBe(200);
    }
    w.clock.advance(6 * 60_000);
    const { res } = await w.as.marketing.get('/staff/analytics');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/staff\/sign-in/);
  });
});
