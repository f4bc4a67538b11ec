import { parse as parseCsvText } from 'csv-parse/sync';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../tests/setup/csv.ts';
import { inboxWorld, type InboxWorld } from '../../../tests/setup/inbox-app.ts';
import {
  clinicPublicKey,
  insertTestRequest,
  type StoredTestRequest,
} from '../../../tests/setup/inbox-fixtures.ts';
import { fieldValue, type StaffBrowser } from '../../../tests/setup/staff.ts';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { purgeExpiredRequests, sealNote } from '../requests/index.ts';
import { randomUUID } from 'node:crypto';

async function staffIdOf(email: string): Promise<string> {
  const [row] = await w.t.db.query<{ id: string }>('SELECT id::text AS id FROM staff WHERE email = $1', [
    email,
  ]);
  if (!row) throw new Error(`no staff ${email}`);
  return row.id;
}

let w: InboxWorld;
const daysAgo = (d: number) => new Date(w.clock.now().getTime() - d * 86_400_000);
let risky: StoredTestRequest; // fields a spreadsheet would run as formulas
let plain: StoredTestRequest;
let closed: StoredTestRequest;

beforeAll(async () => {
  w = await inboxWorld();
  risky = await insertTestRequest(w.t.db, {
    receivedAt: daysAgo(2),
    fields: {
      message: '=HYPERLINK("http://evil.example","click")',
      heardFrom: '@SUM(1+1)',
      givenName: '-2+3',
    },
  });
  plain = await insertTestRequest(w.t.db, { receivedAt: daysAgo(1), locale: 'es' });
  closed = await insertTestRequest(w.t.db, { receivedAt: daysAgo(400), status: 'closed' });
});
afterAll(() => w.t.close());

/** Posts the inbox's export form as the browser would, with the page's CSRF token. */
async function exportAs(browser: StaffBrowser, fields: [string, string][]) {
  const page = await browser.get('/staff/');
  const body = new URLSearchParams([['csrf', fieldValue(page.html, 'csrf')], ...fields]);
  return w.t.app.request('/staff/export', {
    method: 'POST',
    headers: {
      cookie: [...browser.jar].map(([n, v]) => `${n}=${v}`).join('; '),
      origin: 'https://clinic.test',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: body.toString(),
    redirect: 'manual',
  });
}

describe('POST /staff/export', () => {
  it('offers admins the export buttons; coordinators get checkboxes for bulk changes, but no export', async () => {
    const admin = parse((await w.as.admin.get('/staff/?view=all')).html);
    expect(admin.querySelectorAll('input[type="checkbox"][name="id"]')).toHaveLength(3);
    expect(admin.querySelector('button[name="scope"][value="selected"]')).not.toBeNull();
    expect(admin.querySelector('input[type="checkbox"][name="history"][value="yes"]')).not.toBeNull();
    const coordinator = parse((await w.as.coordinator.get('/staff/?view=all')).html);
    expect(coordinator.querySelectorAll('input[type="checkbox"][name="id"]')).toHaveLength(3);
    expect(coordinator.querySelector('button[formaction="/staff/export"]')).toBeNull();
  });

  it('downloads the chosen requests opened in the session, never cached, formulas neutralised', async () => {
    const res = await exportAs(w.as.admin, [
      ['scope', 'selected'],
      ['id', risky.id],
      ['id', plain.id],
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="requests-2026-11-25.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, for spreadsheets to read accents
    const rows = parseCsvRecords(bytes.toString('utf8'));
    expect(rows.map((r) => r['Request number'])).toEqual([risky.reference, plain.reference]);
    expect(rows[0]).toMatchObject({
      'First name': "'-2+3",
      Message: `'=HYPERLINK("http://evil.example","click")`,
      'Heard about us': "'@SUM(1+1)",
      Phone: '(213) 555-0142',
      Status: 'New',
      'Received (America/Los_Angeles)': '2026-11-23 09:05',
    });
    expect(rows[1]?.['Last name']).toBe(`O'Brien-${plain.marker}`);
    expect(rows[1]?.['Form language']).toBe('Spanish');
    expect(Object.keys(rows[0] ?? {})).not.toContain('Notes');
  });

  it('records the export in the audit trail: who, how many, which requests, never their content', async () => {
    const [entry] = await listAudit(w.t.db, { action: 'requests.exported' });
    expect(entry).toMatchObject({
      actorEmail: 'admin@clinic.test',
      address: '203.0.113.5',
      details: { format: 'csv', scope: 'chosen', count: 2, requests: `${risky.id},${plain.id}`, unopened: 0 },
    });
    expect(JSON.stringify(entry)).not.toContain(plain.marker);
  });

  it('exports everything the filters match', async () => {
    const res = await exportAs(w.as.admin, [
      ['scope', 'filtered'],
      ['locale', 'es'],
      ['status', 'any'],
      ['age', 'any'],
      ['q', ''],
    ]);
    expect(parseCsvRecords(await res.text()).map((r) => r['Request number'])).toEqual([plain.reference]);
    expect((await listAudit(w.t.db, { action: 'requests.exported' }))[0]?.details).toMatchObject({
      scope: 'filtered',
      count: 1,
    });
  });

  it('sends the admin back with a message when nothing was chosen', async () => {
    const res = await exportAs(w.as.admin, [['scope', 'selected']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/?notice=nothing-to-export');
    expect((await w.as.admin.get('/staff/?notice=nothing-to-export')).html).toContain(
      'Choose at least one request',
    );
  });

  it('is for admins only: coordinators and marketing get 403 and nothing is audited', async () => {
    const before = (await listAudit(w.t.db, { action: 'requests.exported' })).length;
    for (const browser of [w.as.coordinator, w.as.marketing]) {
      const res = await exportAs(browser, [
        ['scope', 'selected'],
        ['id', plain.id],
      ]);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(plain.marker);
    }
    expect(await listAudit(w.t.db, { action: 'requests.exported' })).toHaveLength(before);
  });
});

describe('POST /staff/export, options', () => {
  it('adds contact history and opened notes when asked, and the audit entry says so', async () => {
    const coordinatorId = await staffIdOf('coord@clinic.test');
    await w.t.db.query(
      `INSERT INTO call_attempts (request_id, called_at, outcome, logged_by, logged_at)
       VALUES ($1, $2, 'no_answer', $3, $2)`,
      [plain.id, new Date('2026-11-24T18:30:00Z'), coordinatorId],
    );
    const noteId = randomUUID();
    const sealed = await sealNote(
      await clinicPublicKey(w.t.db),
      noteId,
      `Call after 5,\n"mornings" ${plain.marker}`,
    );
    await w.t.db.query(
      'INSERT INTO request_notes (id, request_id, written_by, written_at, sealed) VALUES ($1, $2, $3, $4, $5)',
      [noteId, plain.id, coordinatorId, new Date('2026-11-24T18:31:00Z'), Buffer.from(sealed)],
    );
    const res = await exportAs(w.as.admin, [
      ['scope', 'selected'],
      ['id', plain.id],
      ['history', 'yes'],
    ]);
    expect(res.status).toBe(200);
    const [row] = parseCsvRecords(await res.text());
    expect(row?.['Contact history']).toBe('2026-11-24 10:30 · No answer · coord@clinic.test');
    expect(row?.Notes).toBe(
      `2026-11-24 10:31 · coord@clinic.test: Call after 5,\n"mornings" ${plain.marker}`,
    );
    const [entry] = await listAudit(w.t.db, { action: 'requests.exported' });
    expect(entry?.details).toMatchObject({ history: 'yes', count: 1 });
    expect(JSON.stringify(entry)).not.toContain(plain.marker);
  });

  it("writes the labels and choices in the member's own language", async () => {
    await w.t.db.query("UPDATE staff SET locale = 'es' WHERE email = $1", [w.members.admin.email]);
    try {
      const res = await exportAs(w.as.admin, [
        ['scope', 'selected'],
        ['id', plain.id],
      ]);
      const [row] = parseCsvRecords(await res.text());
      expect(row).toMatchObject({
        'Número de solicitud': plain.reference,
        Estado: 'Nueva',
        'Idioma del formulario': 'Español',
        Teléfono: '(213) 555-0142',
      });
    } finally {
      await w.t.db.query("UPDATE staff SET locale = 'en' WHERE email = $1", [w.members.admin.email]);
    }
  });
});

describe('GET /staff/audit', () => {
  it('shows admins the trail newest first, filtered by who, what and when', async () => {
    await w.as.coordinator.get(`/staff/requests/${plain.id}`);
    const coordinatorId = (
      await w.t.db.query<{ id: string }>("SELECT id::text AS id FROM staff WHERE email = 'coord@clinic.test'")
    )[0]?.id;
    const all = parse((await w.as.admin.get('/staff/audit')).html);
    const actions = all.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td')[3]?.text);
    expect(actions[0]).toBe('Opened a request');
    expect(actions).toContain('Exported requests as CSV');
    const mine = parse(
      (await w.as.admin.get(`/staff/audit?actor=${coordinatorId}&action=request.viewed`)).html,
    );
    const rows = mine.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toContain('coord@clinic.test');
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe(`/staff/requests/${plain.id}`);
    expect(rows[0]?.querySelector('a')?.text).toBe(`Request ${plain.reference}`);
    const before = parse((await w.as.admin.get('/staff/audit?to=2026-11-24')).html);
    expect(before.text).toContain('No entries match');
    const today = parse((await w.as.admin.get('/staff/audit?from=2026-11-25&to=2026-11-25')).html);
    expect(today.querySelectorAll('tbody tr').length).toBe(all.querySelectorAll('tbody tr').length);
  });

  it('pages 50 entries at a time', async () => {
    for (let i = 0; i < 50; i++) await w.as.coordinator.get(`/staff/requests/${plain.id}`);
    const first = parse((await w.as.admin.get('/staff/audit')).html);
    expect(first.querySelectorAll('tbody tr')).toHaveLength(50);
    const next = first.querySelector('a[rel="next"]')?.getAttribute('href') ?? '';
    expect(next).toBe('/staff/audit?page=2');
    const second = parse((await w.as.admin.get(next)).html);
    expect(Number(second.querySelector('tbody tr td')?.text)).toBe(
      Number(first.querySelectorAll('tbody tr')[49]?.querySelector('td')?.text) - 1,
    );
  });

  it('exports the filtered entries as CSV with the same words, and the export is audited', async () => {
    const page = await w.as.admin.get('/staff/audit?action=request.viewed');
    expect(
      parse(page.html).querySelector('a[href="/staff/audit/export?action=request.viewed"]'),
    ).not.toBeNull();
    const res = await w.as.admin.get('/staff/audit/export?action=request.viewed');
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.res.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsvText(res.html, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(50);
    expect(rows[0]).toMatchObject({
      Who: 'coord@clinic.test',
      What: 'Opened a request',
      'Action code': 'request.viewed',
      On: `Request ${plain.reference}`,
    });
    expect(rows[0]?.['When (America/Los_Angeles)']).toMatch(/^2026-11-25 \d\d:\d\d$/);
    expect(res.html).not.toContain(plain.marker);
    const [entry] = await listAudit(w.t.db, { action: 'audit.exported' });
    expect(entry).toMatchObject({
      actorEmail: 'admin@clinic.test',
      details: { format: 'csv', count: rows.length, action: 'request.viewed' },
    });
    expect((await w.as.coordinator.get('/staff/audit/export')).res.status).toBe(403);
  });

  it('is for admins only', async () => {
    expect((await w.as.coordinator.get('/staff/audit')).res.status).toBe(403);
    expect((await w.as.marketing.get('/staff/audit')).res.status).toBe(403);
  });
});

describe('after the retention purge', () => {
  it('shows the request without its details, keeps the audit trail, and the chain verifies', async () => {
    // The request was closed 400 days ago with no recorded change: received_at counts.
    expect(
      await purgeExpiredRequests(w.t.db, { now: w.clock.now(), retentionDays: 365, trigger: 'daily-job' }),
    ).toEqual([closed.id]);
    const { res, html } = await w.as.coordinator.get(`/staff/requests/${closed.id}`);
    expect(res.status).toBe(200);
    expect(html).toContain('deleted under the clinic’s retention policy');
    expect(html).not.toContain(closed.marker);
    expect(parse(html).querySelector('form[action$="/notes"]')).toBeNull();
    expect(parse(html).querySelector('#history')?.text).toContain(
      'Status: Closed → Purged (details deleted)',
    );
    const listed = await w.as.coordinator.get('/staff/?status=purged');
    expect(listed.html).toContain(closed.reference);
    expect((await w.as.coordinator.get('/staff/')).html).not.toContain(closed.reference);
    expect(
      await listAudit(w.t.db, { target: `request:${closed.id}`, action: 'request.purged' }),
    ).toHaveLength(1);
    expect(await verifyAudit(w.t.db)).toMatchObject({ ok: true });
  });
});

describe('POST /staff/export, "Export all" from a search', () => {
  it('exports exactly the rows the searched list shows across its pages, in its order', async () => {
    const found: StoredTestRequest[] = [];
    for (let i = 0; i < 27; i++) {
      found.push(
        await insertTestRequest(w.t.db, {
          receivedAt: daysAgo(3 + i / 100),
          fields: { givenName: 'Inés', familyName: `Exportación-${i}` },
        }),
      );
    }
    // Same filters, another name: the search, not only the filters, decides what "all" means.
    await insertTestRequest(w.t.db, { receivedAt: daysAgo(3), fields: { familyName: 'Elsewhere' } });
    const kept = await w.as.admin.get('/staff/?view=all&q=exportacion');
    const listUrl = kept.res.headers.get('location') ?? '';
    expect(listUrl).toMatch(/^\/staff\/\?view=all&s=[\w-]+$/);
    const shown: string[] = [];
    const first = parse((await w.as.admin.get(listUrl)).html);
    for (const page of [first, parse((await w.as.admin.get(`${listUrl}&page=2`)).html)]) {
      shown.push(...page.querySelectorAll('.request-card .reference').map((el) => el.text.trim()));
    }
    expect(shown).toHaveLength(27);
    expect(new Set(shown)).toEqual(new Set(found.map((r) => r.reference)));

    // The page's own form, as a browser would send it with "Export all".
    const form = first.querySelector('form.bulk');
    const fields = (form?.querySelectorAll('input[type="hidden"]') ?? [])
      .filter((input) => input.getAttribute('name') !== 'csrf')
      .map((input): [string, string] => [
        input.getAttribute('name') ?? '',
        input.getAttribute('value') ?? '',
      ]);
    const res = await exportAs(w.as.admin, [...fields, ['scope', 'filtered']]);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(parseCsvRecords(text).map((r) => r['Request number'])).toEqual(shown);
    expect(parseCsvText(text, { bom: true, columns: true }).length).toBe(27);
    expect((await listAudit(w.t.db, { action: 'requests.exported' }))[0]?.details).toMatchObject({
      scope: 'filtered',
      count: 27,
    });
  });

  it('says the search has ended when its token is unknown to this session', async () => {
    const res = await exportAs(w.as.admin, [
      ['scope', 'filtered'],
      ['view', 'all'],
      ['s', 'not-a-known-token'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/?view=all&notice=search-ended');
  });
});
