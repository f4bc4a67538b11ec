import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import { insertTestRequest, type StoredTestRequest } from '../../../tests/setup/inbox-fixtures.ts';
import { fieldValue } from '../../../tests/setup/staff.ts';
import { listAudit, verifyAudit } from '../audit/index.ts';

let w: InboxWorld;
const hoursAgo = (h: number) => new Date(w.clock.now().getTime() - h * 3_600_000);
let overdue: StoredTestRequest; // new, arrived yesterday morning: past the 8-business-hour target
let fresh: StoredTestRequest; // new, arrived half an hour ago
let spanish: StoredTestRequest; // contacted, Spanish form, 10 days ago

beforeAll(async () => {
  w = await inboxWorld();
  spanish = await insertTestRequest(w.t.db, { receivedAt: hoursAgo(240), locale: 'es', status: 'contacted' });
  overdue = await insertTestRequest(w.t.db, { receivedAt: hoursAgo(24) });
  fresh = await insertTestRequest(w.t.db, { receivedAt: hoursAgo(0.5) });
});
afterAll(() => w.t.close());

const rowsOf = (html: string) => parse(html).querySelectorAll('li.request-card');
const referencesOf = (html: string) => rowsOf(html).map((li) => li.querySelector('.reference')?.text);
const factsOf = (li: ReturnType<typeof rowsOf>[number] | undefined) =>
  Object.fromEntries(
    (li?.querySelectorAll('.card-facts > div') ?? []).map((d) => [
      d.querySelector('dt')?.text.trim(),
      d.querySelector('dd')?.text.trim(),
    ]),
  );

describe('GET /staff/ (the inbox)', () => {
  it('lists open requests oldest-waiting first, each with the patient, how to reach them and the work on it', async () => {
    const { res, html } = await w.as.coordinator.get('/staff/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(referencesOf(html)).toEqual([spanish.reference, overdue.reference, fresh.reference]);
    const card = rowsOf(html)[2];
    expect(card?.querySelector('h3')?.text).toBe(`José${fresh.marker} O'Brien-${fresh.marker}`);
    expect(factsOf(card)).toEqual({
      Phone: '(213) 555-0142',
      Prefers: 'Phone call, morning',
      Language: 'Spanish',
      Status: 'New',
      Waiting: '30 min',
      'Last contact': 'Not tried yet',
      'Assigned to': 'Nobody',
      'Next follow-up': 'None planned',
    });
    expect(card?.querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:+12135550142');
    // Only what the list shows is opened: never the message or anything else typed.
    for (const r of [fresh, overdue, spanish]) expect(html).not.toContain(`Radio ${r.marker}`);
    const [listedEntry] = await listAudit(w.t.db, { action: 'requests.listed' });
    expect(listedEntry?.details).toMatchObject({ count: 3 });
    expect(JSON.stringify(listedEntry)).not.toContain(fresh.marker);
  });

  it('orders newest first or by follow-up on request', async () => {
    const newest = await w.as.coordinator.get('/staff/?sort=newest');
    expect(referencesOf(newest.html)).toEqual([fresh.reference, overdue.reference, spanish.reference]);
  });

  it('makes new requests past the response target stand out, in words', async () => {
    const { html } = await w.as.coordinator.get('/staff/?sort=newest');
    const [freshRow, overdueRow, spanishRow] = rowsOf(html);
    expect(overdueRow?.classList.contains('overdue')).toBe(true);
    expect(overdueRow?.text).toContain('Overdue');
    expect(freshRow?.text).not.toContain('Overdue');
    expect(spanishRow?.text).not.toContain('Overdue'); // contacted: no longer waiting
    expect(parse(html).querySelector('.overdue-notice')?.text).toContain('1 new request has waited');
  });

  it('has the views due today, all open and closed', async () => {
    expect(referencesOf((await w.as.coordinator.get('/staff/?view=due')).html)).toEqual([overdue.reference]);
    expect(referencesOf((await w.as.coordinator.get('/staff/?view=closed')).html)).toEqual([]);
    expect(referencesOf((await w.as.coordinator.get('/staff/?view=mine')).html)).toEqual([]);
  });

  it('filters by status, language and age', async () => {
    expect(referencesOf((await w.as.coordinator.get('/staff/?status=contacted')).html)).toEqual([
      spanish.reference,
    ]);
    expect(referencesOf((await w.as.coordinator.get('/staff/?locale=en')).html)).toEqual([
      overdue.reference,
      fresh.reference,
    ]);
    expect(referencesOf((await w.as.coordinator.get('/staff/?age=over-week')).html)).toEqual([
      spanish.reference,
    ]);
    const none = await w.as.coordinator.get('/staff/?status=closed');
    expect(none.html).toContain('no requests match');
  });

  it('finds a request by its number: a whole number opens it, a start lists matches', async () => {
    const typed = overdue.reference.toLowerCase().replace('-', ' ');
    const whole = await w.as.coordinator.get(`/staff/?q=${encodeURIComponent(typed)}`);
    expect(whole.res.status).toBe(303);
    expect(whole.res.headers.get('location')).toBe(`/staff/requests/${overdue.id}`);
    const start = await w.as.coordinator.follow(`/staff/?q=${overdue.reference.slice(0, 4)}`);
    expect(referencesOf(start.html)).toContain(overdue.reference);
    expect(referencesOf((await w.as.coordinator.follow('/staff/?q=%25%25')).html)).toEqual([]);
  });

  it('pages 25 at a time, keeping the filters in the links', async () => {
    for (let i = 0; i < 24; i++)
      await insertTestRequest(w.t.db, { receivedAt: hoursAgo(300 + i), locale: 'es' });
    const first = await w.as.coordinator.get('/staff/?locale=es');
    expect(rowsOf(first.html)).toHaveLength(25);
    expect(parse(first.html).querySelector('nav.pagination')).toBeNull(); // one page: no page links
    const all = await w.as.coordinator.get('/staff/');
    expect(all.html).toContain('27 requests, showing 1 to 25');
    const next = parse(all.html).querySelector('nav.pagination a[rel="next"]')?.getAttribute('href');
    expect(next).toBe('/staff/?page=2');
    const second = await w.as.coordinator.get('/staff/?page=2');
    expect(rowsOf(second.html)).toHaveLength(2);
    expect(parse(second.html).querySelector('nav.pagination a[rel="prev"]')?.getAttribute('href')).toBe(
      '/staff/',
    );
  });

  it('is for admins and coordinators: marketing goes to analytics, a visitor to sign in', async () => {
    const marketing = (await w.as.marketing.get('/staff/')).res;
    expect(marketing.status).toBe(303);
    expect(marketing.headers.get('location')).toBe('/staff/analytics');
    const anonymous = await w.t.app.request('/staff/', { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/staff\/sign-in\?return=/);
  });
});

describe('GET /staff/requests/<id>', () => {
  it('opens the request in the session, shows every field, and records the view', async () => {
    const { res, html } = await w.as.coordinator.get(`/staff/requests/${overdue.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const details = parse(html).querySelector('dl.details:last-of-type')?.text ?? '';
    for (const text of [
      `José${overdue.marker}`,
      '(213) 555-0142',
      'Neck, Lower back',
      '7 out of 10',
      'Medicare',
      `Radio ${overdue.marker}`,
    ]) {
      expect(html).toContain(text.replace("'", '&#39;'));
    }
    expect(details).toContain('Spanish (español)');
    const [view] = await listAudit(w.t.db, { target: `request:${overdue.id}`, action: 'request.viewed' });
    expect(view).toMatchObject({ actorEmail: 'coord@clinic.test', address: '203.0.113.5', details: {} });
    expect(JSON.stringify(view)).not.toContain(overdue.marker);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect(
      (await w.as.coordinator.get('/staff/requests/00000000-0000-4000-8000-000000000000')).res.status,
    ).toBe(404);
    expect((await w.as.coordinator.get('/staff/requests/1%20OR%201=1')).res.status).toBe(404);
  });

  it('gives marketing 403 and records no view', async () => {
    const before = (await listAudit(w.t.db, { action: 'request.viewed' })).length;
    const { res, html } = await w.as.marketing.get(`/staff/requests/${fresh.id}`);
    expect(res.status).toBe(403);
    expect(html).not.toContain(fresh.marker);
    expect(await listAudit(w.t.db, { action: 'request.viewed' })).toHaveLength(before);
  });
});

describe('working a request', () => {
  const post = async (path: string, fields: Record<string, string>) => {
    const page = await w.as.coordinator.get(`/staff/requests/${fresh.id}`);
    return w.as.coordinator.post(`/staff/requests/${fresh.id}/${path}`, {
      csrf: fieldValue(page.html, 'csrf'),
      ...fields,
    });
  };

  it('changes the status, recording who and when, and refuses a change based on a stale page', async () => {
    const done = await post('status', { current: 'new', status: 'contacted' });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get('location')).toBe(`/staff/requests/${fresh.id}?done=status#status-change`);
    const page = await w.as.coordinator.get(done.res.headers.get('location') ?? '');
    expect(page.html).toContain('Status changed to Contacted.');
    expect(parse(page.html).querySelector('#history')?.text).toMatch(
      /Status: New → Contacted.*coord@clinic\.test/s,
    );
    const stale = await post('status', { current: 'new', status: 'closed' });
    expect(stale.res.status).toBe(409);
    expect(stale.html).toContain('Someone else changed the status meanwhile');
    const [entry] = await listAudit(w.t.db, { target: `request:${fresh.id}`, action: 'request.status' });
    expect(entry).toMatchObject({
      actorEmail: 'coord@clinic.test',
      details: { from: 'new', to: 'contacted' },
    });
  });

  it('logs a contact with what happened and when, and explains a bad one beside the field', async () => {
    const done = await post('contacts', { kind: 'phone-voicemail', 'called-at': '2026-11-25T08:50' });
    expect(done.res.status).toBe(303);
    const page = await w.as.coordinator.get(`/staff/requests/${fresh.id}`);
    expect(parse(page.html).querySelector('#history')?.text).toMatch(
      /Phone call: Left voicemail\s*Nov 25, 2026, 8:50 AM/,
    );
    const bad = await post('contacts', {
      kind: 'phone-voicemail',
      'called-at': '2026-11-25T23:00',
      note: 'kept',
      'follow-up': '2026-11-20T10:00',
    });
    expect(bad.res.status).toBe(422);
    expect(parse(bad.html).querySelector('#called-at-error')?.text).toContain('in the future');
    expect(parse(bad.html).querySelector('#follow-up-error')?.text).toContain('in the past');
    expect(parse(bad.html).querySelector('#called-at')?.getAttribute('value')).toBe('2026-11-25T23:00');
    expect(parse(bad.html).querySelector('textarea#contact-note')?.text).toBe('kept');
    expect(await listAudit(w.t.db, { action: 'request.contact_logged' })).toHaveLength(1);
  });

  it('adds a note sealed like the request: the table holds no plaintext, the page shows it', async () => {
    const text = `Prefers afternoons. Daughter ${fresh.marker} translates.`;
    expect((await post('notes', { note: text })).res.status).toBe(303);
    const stored = await w.t.db.query<{ t: string }>(
      "SELECT encode(sealed, 'escape') AS t FROM request_notes",
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.t).not.toContain(fresh.marker);
    const page = await w.as.coordinator.get(`/staff/requests/${fresh.id}`);
    expect(parse(page.html).querySelector('#history blockquote')?.text).toBe(text);
    const [entry] = await listAudit(w.t.db, { action: 'request.note_added' });
    expect(JSON.stringify(entry)).not.toContain(fresh.marker);
  });

  it('keeps a note that is too long, with the reason beside it', async () => {
    const long = 'x'.repeat(2001);
    const bad = await post('notes', { note: long });
    expect(bad.res.status).toBe(422);
    expect(parse(bad.html).querySelector('#note-error')?.text).toContain('up to 2000 characters');
    expect(parse(bad.html).querySelector('textarea#note')?.text).toBe(long);
  });

  it('refuses a post without the CSRF token (403), changing nothing', async () => {
    const res = await w.as.coordinator.post(`/staff/requests/${fresh.id}/status`, {
      current: 'contacted',
      status: 'closed',
    });
    expect(res.res.status).toBe(403);
    const [row] = await w.t.db.query<{ status: string }>('SELECT status FROM requests WHERE id = $1', [
      fresh.id,
    ]);
    expect(row?.status).toBe('contacted');
  });

  it('never writes patient data to the logs, and leaves the audit chain intact', async () => {
    const logs = w.t.logs.join('');
    for (const r of [fresh, overdue, spanish]) expect(logs).not.toContain(r.marker);
    expect(await verifyAudit(w.t.db)).toMatchObject({ ok: true });
  });
});
