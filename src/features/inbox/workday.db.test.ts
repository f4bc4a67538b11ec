import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import { insertTestRequest, type StoredTestRequest } from '../../../tests/setup/inbox-fixtures.ts';
import { fieldValue } from '../../../tests/setup/staff.ts';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { toLocalInput } from './clinic-time.ts';

// A coordinator's day on the inbox: search over sealed data, duplicates, one "log contact"
// post, assigning, bulk changes, previous / next within the filters, and the print view.

let w: InboxWorld;
const hoursAgo = (h: number) => new Date(w.clock.now().getTime() - h * 3_600_000);
let nunez: StoredTestRequest; // "Ana Núñez-O'Brien", (310) 555-0123, overdue
let chen: StoredTestRequest; // "Wei Chen", same phone as Núñez in the database's E.164
let other: StoredTestRequest; // "Luis Ortega", another phone and e-mail
let closed: StoredTestRequest;

beforeAll(async () => {
  w = await inboxWorld();
  nunez = await insertTestRequest(w.t.db, {
    receivedAt: hoursAgo(30),
    fields: {
      givenName: 'Ana',
      familyName: 'Núñez-O’Brien',
      tel: '+13105550123',
      email: 'ana.n@example.com',
    },
  });
  chen = await insertTestRequest(w.t.db, {
    receivedAt: hoursAgo(20),
    fields: { givenName: 'Wei', familyName: 'Chen', tel: '+13105550123', email: null },
  });
  other = await insertTestRequest(w.t.db, {
    receivedAt: hoursAgo(2),
    fields: { givenName: 'Luis', familyName: 'Ortega', tel: '+12135550199', email: 'luis@example.com' },
  });
  closed = await insertTestRequest(w.t.db, {
    receivedAt: hoursAgo(50),
    status: 'closed',
    fields: { givenName: 'Rosa', familyName: 'Díaz', tel: '+12135550111', email: 'rosa@example.com' },
  });
});
afterAll(() => w.t.close());

const cards = (html: string) => parse(html).querySelectorAll('li.request-card');
const references = (html: string) => cards(html).map((li) => li.querySelector('.reference')?.text);
const coordinatorSearch = async (q: string) => {
  const page = await w.as.coordinator.get('/staff/');
  const res = await w.as.coordinator.post('/staff/search', { csrf: fieldValue(page.html, 'csrf'), q });
  expect(res.res.status).toBe(303);
  const location = res.res.headers.get('location') ?? '';
  expect(location).not.toContain(encodeURIComponent(q));
  return { location, ...(await w.as.coordinator.follow(location)) };
};

describe('search over sealed data', () => {
  it('finds by any part of a name, ignoring case and accents', async () => {
    for (const q of ['nunez', 'NÚÑEZ', "o'brien", 'ana nunez', 'brien']) {
      expect(references((await coordinatorSearch(q)).html), q).toEqual([nunez.reference]);
    }
    expect(references((await coordinatorSearch('chen')).html)).toEqual([chen.reference]);
    expect(references((await coordinatorSearch('zzz')).html)).toEqual([]);
  });

  it('finds by phone in any format, and by e-mail', async () => {
    for (const q of ['310 555 0123', '(310) 555-0123', '+13105550123', '3105550123', '555-0123']) {
      expect(references((await coordinatorSearch(q)).html), q).toEqual([nunez.reference, chen.reference]);
    }
    expect(references((await coordinatorSearch('luis@example.com')).html)).toEqual([other.reference]);
    expect(references((await coordinatorSearch('ana.n@')).html)).toEqual([nunez.reference]);
  });

  it('takes GET /staff/?q=… too, and shows the list at an opaque token, never what was typed', async () => {
    const typed = await w.as.coordinator.get('/staff/?q=nunez');
    expect(typed.res.status).toBe(303);
    const location = typed.res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/\?s=[A-Za-z0-9_-]+$/);
    const shown = await w.as.coordinator.get(location);
    expect(references(shown.html)).toEqual([nunez.reference]);
    expect(parse(shown.html).querySelector('#q')?.getAttribute('value')).toBe('nunez');
    // Another member's session cannot use the token: it is kept in the searching session only.
    const elsewhere = await w.as.admin.get(location);
    expect(elsewhere.res.headers.get('location')).toBe('/staff/?notice=search-ended');
  });

  it('keeps no clear value at rest: the search entries are sealed', async () => {
    const rows = await w.t.db.query<{ t: string }>(
      "SELECT encode(sealed, 'escape') AS t FROM request_search_entries",
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.t).not.toMatch(/Ortega|Chen|3105550123|example\.com/);
      for (const r of [nunez, chen, other, closed]) expect(row.t).not.toContain(r.marker);
    }
  });

  it('marks requests that share a phone or e-mail, in the list and on the request', async () => {
    const { html } = await w.as.coordinator.get('/staff/');
    const byRef = new Map(cards(html).map((li) => [li.querySelector('.reference')?.text, li]));
    expect(byRef.get(nunez.reference)?.querySelector('.also-sent')?.text).toContain(
      `also sent ${chen.reference}`,
    );
    expect(byRef.get(chen.reference)?.querySelector('.also-sent')?.text).toContain(nunez.reference);
    expect(byRef.get(other.reference)?.querySelector('.also-sent')).toBeNull();
    const page = await w.as.coordinator.get(`/staff/requests/${chen.id}`);
    expect(parse(page.html).querySelector('.also-sent')?.text).toContain(`also sent ${nunez.reference}`);
  });
});

describe('one request', () => {
  const post = async (id: string, path: string, fields: Record<string, string>) => {
    const page = await w.as.coordinator.get(`/staff/requests/${id}`);
    return w.as.coordinator.post(`/staff/requests/${id}/${path}`, {
      csrf: fieldValue(page.html, 'csrf'),
      ...fields,
    });
  };
  const statusOf = async (id: string) =>
    (await w.t.db.query<{ status: string }>('SELECT status FROM requests WHERE id = $1', [id]))[0]?.status;

  it('shows the phone to tap and the preferred time first', async () => {
    const { html } = await w.as.coordinator.get(`/staff/requests/${nunez.id}`);
    const reach = parse(html).querySelector('.reach');
    expect(reach?.querySelector('a[href="tel:+13105550123"]')?.text).toBe('(310) 555-0123');
    expect(reach?.text).toContain('Prefers: Phone call, morning');
  });

  it('no answer with a follow-up: stays New, stops counting as overdue until the follow-up is due', async () => {
    const due = await w.as.coordinator.get('/staff/?view=due');
    expect(references(due.html)).toContain(nunez.reference);
    const done = await post(nunez.id, 'contacts', {
      kind: 'phone-no-answer',
      'called-at': '',
      note: `Rang twice ${nunez.marker}`,
      'follow-up': toLocalInput(new Date(w.clock.now().getTime() + 10 * 60_000), 'America/Los_Angeles'),
    });
    expect(done.res.status).toBe(303);
    expect(await statusOf(nunez.id)).toBe('new');
    const actions = (await listAudit(w.t.db, { target: `request:${nunez.id}` })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['request.contact_logged', 'request.note_added', 'request.follow_up_set']),
    );
    expect(actions).not.toContain('request.status_changed');
    const list = await w.as.coordinator.get('/staff/');
    const card = cards(list.html).find((li) => li.querySelector('.reference')?.text === nunez.reference);
    expect(card, list.html.slice(0, 3000)).toBeDefined();
    expect(card?.text).not.toContain('Overdue');
    expect(card?.text).toMatch(/Phone call · No answer/);
    expect(card?.text).toContain('Nov 25, 2026, 9:15 AM');
    // Today is the follow-up's day: the due view lists it, and once the time has come it is overdue again.
    expect(references((await w.as.coordinator.get('/staff/?view=due')).html)).toContain(nunez.reference);
    w.clock.advance(11 * 60_000);
    const later = cards((await w.as.coordinator.get('/staff/')).html).find(
      (li) => li.querySelector('.reference')?.text === nunez.reference,
    );
    expect(later?.text).toContain('Overdue');
    const history = parse((await w.as.coordinator.get(`/staff/requests/${nunez.id}`)).html).querySelector(
      '#history',
    );
    expect(history?.text).toContain(`Rang twice ${nunez.marker}`);
  });

  it('reached: New becomes Contacted in the same post, and says so', async () => {
    const done = await post(chen.id, 'contacts', { kind: 'text-reached', 'called-at': '' });
    expect(done.res.status).toBe(303);
    const page = await w.as.coordinator.follow(done.res.headers.get('location') ?? '');
    expect(parse(page.html).querySelector('#contact [role="status"]')?.text).toBe(
      'Contact logged. Status is now Contacted.',
    );
    expect(await statusOf(chen.id)).toBe('contacted');
    const [change] = await listAudit(w.t.db, {
      target: `request:${chen.id}`,
      action: 'request.status_changed',
    });
    expect(change?.details).toEqual({ from: 'new', to: 'contacted' });
  });

  it('assigns to a member, audited; refuses someone who may not be assigned', async () => {
    const members = parse((await w.as.coordinator.get(`/staff/requests/${other.id}`)).html)
      .querySelectorAll('#assignee option')
      .map((o) => [o.getAttribute('value'), o.text]);
    const coord = members.find(([, email]) => email === 'coord@clinic.test')?.[0] ?? '';
    expect(members.map(([, email]) => email)).not.toContain('marketing@clinic.test');
    expect((await post(other.id, 'assignee', { assignee: coord })).res.status).toBe(303);
    const mine = await w.as.coordinator.get('/staff/?view=mine');
    expect(references(mine.html)).toEqual([other.reference]);
    const [entry] = await listAudit(w.t.db, { target: `request:${other.id}`, action: 'request.assigned' });
    expect(entry?.details).toEqual({ from: '', to: 'coord@clinic.test' });
    const [marketing] = await w.t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM staff WHERE email = 'marketing@clinic.test'",
    );
    expect((await post(other.id, 'assignee', { assignee: marketing?.id ?? '' })).res.status).toBe(422);
  });

  it('previous and next stay within the filters, and Back to the inbox keeps them', async () => {
    const list = await w.as.coordinator.get('/staff/?sort=newest&locale=en');
    const first = cards(list.html)[0]?.querySelector('h3 a')?.getAttribute('href') ?? '';
    expect(first).toContain('?sort=newest&locale=en');
    const page = parse((await w.as.coordinator.get(first)).html);
    expect(page.querySelector('.request-nav a')?.getAttribute('href')).toBe('/staff/?sort=newest&locale=en');
    const next = page.querySelector('.request-nav a[rel="next"]')?.getAttribute('href') ?? '';
    expect(next).toMatch(/\?sort=newest&locale=en$/);
    expect(page.querySelector('input[name="return"]')?.getAttribute('value')).toBe('?sort=newest&locale=en');
  });

  it('prints without forms or navigation, and records the print like a view', async () => {
    const { res, html } = await w.as.coordinator.get(`/staff/requests/${nunez.id}?print=1`);
    expect(res.status).toBe(200);
    const page = parse(html);
    expect(page.querySelectorAll('main form')).toHaveLength(0);
    expect(page.querySelector('#history')?.text).toContain(`Rang twice ${nunez.marker}`);
    const [printed] = await listAudit(w.t.db, { target: `request:${nunez.id}`, action: 'request.printed' });
    expect(printed).toMatchObject({ actorEmail: 'coord@clinic.test' });
  });
});

describe('bulk actions', () => {
  it('closes chosen requests together, one audit entry per change', async () => {
    const page = await w.as.coordinator.get('/staff/');
    const ids = [nunez.id, other.id];
    const body = new URLSearchParams({
      csrf: fieldValue(page.html, 'csrf'),
      'bulk-status': 'closed',
      return: '',
    });
    for (const id of ids) body.append('id', id);
    const res = await w.t.app.request('/staff/bulk', {
      method: 'POST',
      headers: {
        cookie: [...w.as.coordinator.jar].map(([n, v]) => `${n}=${v}`).join('; '),
        origin: 'https://clinic.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/?notice=bulk-done&changed=2');
    const rows = await w.t.db.query<{ status: string }>(
      'SELECT status FROM requests WHERE id = ANY ($1::uuid[]) ORDER BY status',
      [ids],
    );
    expect(rows.map((r) => r.status)).toEqual(['closed', 'closed']);
    for (const id of ids) {
      expect(
        await listAudit(w.t.db, { target: `request:${id}`, action: 'request.status_changed' }),
      ).toHaveLength(1);
    }
    expect(references((await w.as.coordinator.get('/staff/?view=closed')).html)).toEqual(
      expect.arrayContaining([nunez.reference, other.reference, closed.reference]),
    );
  });

  it('refuses marketing (403) and a post with nothing chosen', async () => {
    const none = await w.as.coordinator.post('/staff/bulk', {
      csrf: fieldValue((await w.as.coordinator.get('/staff/')).html, 'csrf'),
      'bulk-status': 'closed',
    });
    expect(none.res.headers.get('location')).toBe('/staff/?notice=nothing-chosen');
    const marketing = await w.as.marketing.post('/staff/bulk', { 'bulk-status': 'closed' });
    expect(marketing.res.status).toBe(403);
  });

  it('never logs patient data, and the audit chain verifies', async () => {
    const logs = w.t.logs.join('');
    for (const text of ['Núñez', 'Chen', 'Ortega', '3105550123', nunez.marker])
      expect(logs).not.toContain(text);
    expect(await verifyAudit(w.t.db)).toMatchObject({ ok: true });
  });
});
