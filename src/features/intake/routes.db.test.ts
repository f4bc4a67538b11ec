import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic, type TestClinic } from '../../../tests/setup/keys.ts';
import { openForm, sendForm, validAnswers, type Fetcher } from '../../../tests/setup/request-form.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { openSealed } from '../keys/index.ts';
import { parseSealedRequest } from '../requests/index.ts';

let t: TestApp;
let clinic: TestClinic;
// Tuesday 24 November 2026, 3:12 PM in Los Angeles: the clinic is open until 5 PM.
let clock = new Date('2026-11-24T23:12:00Z');
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let fetcher: Fetcher;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  clinic = await setUpClinic(t.db);
  fetcher = async (path, init) => t.app.request(path, init);
});
afterAll(() => t.close());

type Row = {
  id: string;
  reference: string;
  locale: string;
  status: string;
  source_page: string | null;
  campaign: string | null;
  sealed: Uint8Array;
  received_at: Date;
};
const rows = () => t.db.query<Row>('SELECT * FROM requests ORDER BY received_at');

/** Opens the form, waits like a person, and sends it. */
async function submit(path: string, answers = validAnswers(), headers: Record<string, string> = {}) {
  const form = await openForm(fetcher, path, headers);
  later(30_000);
  return { form, res: await sendForm(fetcher, path, form, answers) };
}

describe('POST invalid answers', () => {
  it('answers 422 with every value kept, a summary linking to each field, and messages beside them', async () => {
    const answers = validAnswers({
      'given-name': 'Ana2',
      tel: '555 0142',
      email: 'ana@',
      'contact-method': '',
      'pain-area': [],
      message: 'Sigue igual.',
      consent: '',
    });
    const { res } = await submit('/en/request', answers);
    expect(res.status).toBe(422);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = parse(await res.text());
    expect(page.querySelector('title')?.text).toMatch(/^Error: /);
    const summary = page.querySelector('#error-summary');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.hasAttribute('autofocus')).toBe(true);
    const links = summary?.querySelectorAll('a') ?? [];
    expect(links.map((a) => [a.getAttribute('href'), a.text])).toEqual([
      ['#given-name', 'First name can only have letters, spaces, hyphens (-) and apostrophes (’)'],
      ['#tel', 'Enter a 10-digit phone number, like 213 555 0142'],
      ['#email', 'Enter an e-mail address like name@example.com'],
      ['#contact-method--phone', 'Choose how you would like us to contact you'],
      ['#pain-area--neck', 'Choose where you have pain. You can choose more than one'],
      ['#consent', 'Check the box to let us contact you about your request'],
    ]);
    for (const a of links) expect(page.querySelector(a.getAttribute('href') ?? '')).not.toBeNull();
    // Each bad control (or group) is marked and described by its message.
    for (const [selector, error] of [
      ['#given-name', 'given-name-error'],
      ['#tel', 'tel-hint tel-error'],
      ['fieldset[data-field="contact-method"]', 'contact-method-error'],
      ['fieldset[data-field="pain-area"]', 'pain-area-hint pain-area-error'],
      ['#consent', 'consent-hint consent-error'],
    ] as const) {
      const control = page.querySelector(selector);
      expect(control?.getAttribute('aria-invalid'), selector).toBe('true');
      expect(control?.getAttribute('aria-describedby'), selector).toBe(error);
    }
    expect(page.querySelector('#tel-error')?.text).toBe(
      'Error: Enter a 10-digit phone number, like 213 555 0142',
    );
    expect(page.querySelector('#family-name')?.getAttribute('aria-invalid')).toBeUndefined();
    // Everything typed is still there.
    const value = (name: string) => page.querySelector(`[name="${name}"]`)?.getAttribute('value');
    expect(value('given-name')).toBe('Ana2');
    expect(value('family-name')).toBe('O’Brien-Núñez');
    expect(value('tel')).toBe('555 0142');
    expect(value('email')).toBe('ana@');
    expect(page.querySelector('textarea[name="message"]')?.text).toBe('Sigue igual.');
    expect(page.querySelector('input[name="pain-level"][checked]')?.getAttribute('value')).toBe('7');
    expect(
      page.querySelectorAll('input[name="treatments"][checked]').map((c) => c.getAttribute('value')),
    ).toEqual(['medication', 'injections']);
    expect(page.querySelector('select[name="insurance"] option[selected]')?.getAttribute('value')).toBe(
      'medicare',
    );
    expect(page.querySelector('input[name="language"][checked]')?.getAttribute('value')).toBe('es');
    expect(await rows()).toHaveLength(0);
  });

  it('speaks Spanish at /es/solicitud', async () => {
    const { res } = await submit('/es/solicitud', validAnswers({ tel: '12', 'postal-code': '9001' }));
    expect(res.status).toBe(422);
    const page = parse(await res.text());
    expect(page.querySelectorAll('#error-summary a').map((a) => a.text)).toEqual([
      'Escriba un código postal (ZIP) de 5 dígitos, como 90017',
      'Escriba un número de teléfono de 10 dígitos, como 213 555 0142',
    ]);
    expect(page.querySelector('#error-summary h2')?.text).toBe('Revise estas respuestas');
  });
});

describe('POST valid answers', () => {
  it('commits the request sealed, then answers 303 to a thank-you page that says by when', async () => {
    const { res } = await submit('/en/request', validAnswers(), {
      referer: 'https://clinic.test/en/faq?utm_campaign=spring-radio',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/en\/request\/sent\?ref=[0-9A-Z]{4}-[0-9A-Z]{4}&c=[\w-]+$/);
    // The contact choice travels sealed: neither "phone" nor "morning" in clear.
    expect(location).not.toMatch(/phone|morning/);
    const stored = await rows();
    expect(stored).toHaveLength(1);
    const row = stored[0] as Row;
    expect(location).toContain(row.reference);
    // The campaign is the analytics visit's (none here: analytics saw no visit), never the link's.
    expect([row.locale, row.status, row.source_page, row.campaign]).toEqual(['en', 'new', '/en/faq', null]);
    expect(new Date(row.received_at).toISOString()).toBe(clock.toISOString());

    const opened = await openSealed(
      clinic.privateKey,
      new Uint8Array(row.sealed),
      new TextEncoder().encode(row.id),
    );
    // Every answer posted, cleaned (fields the post left out are checked by the record's own tests).
    expect(parseSealedRequest(opened)).toMatchObject({
      version: 1,
      givenName: 'Ana María',
      familyName: 'O’Brien-Núñez',
      tel: '+12135550142',
      email: 'ana@example.com',
      contactMethod: 'phone',
      bestTime: 'morning',
      language: 'es',
      languageOther: null,
      postalCode: '90017',
      painAreas: ['low-back', 'legs'],
      painDuration: '1-to-5-years',
      painLevel: 7,
      treatments: ['medication', 'injections'],
      insurance: 'medicare',
      message: 'Me duele la espalda desde hace años.',
      heardFrom: 'Radio',
      consent: true,
    });
    // Nothing typed is readable in the row, and the staff notice went in with it.
    const clear = Buffer.from(JSON.stringify({ ...row, sealed: Buffer.from(row.sealed).toString('latin1') }));
    for (const typed of ['Ana', 'ana@example.com', '2135550142', '90017', 'espalda', 'Radio']) {
      expect(clear.includes(typed), typed).toBe(false);
    }
    const notices = await t.db.query<{ request_id: string; locale: string }>(
      'SELECT request_id, locale FROM notification_outbox',
    );
    expect(notices).toEqual([{ request_id: row.id, locale: 'en' }]);

    const thanks = await t.app.request(location);
    expect(thanks.status).toBe(200);
    expect(thanks.headers.get('cache-control')).toBe('no-store');
    const text = parse(await thanks.text()).querySelector('main')?.text ?? '';
    expect(text).toContain(`Your reference number is ${row.reference}.`);
    // The target: 1 h 48 min left on Tuesday, then 6 h 12 min on Wednesday from 8:00: 2:12 PM,
    // rounded up to 3:00 PM. The patient asked for mornings and a call: Wednesday morning ends
    // before the target, so the promise is the end of Thursday morning.
    expect(text).toContain(
      'We will call you in the morning, by Thursday, November 26, 12:00 PM Pacific Time.',
    );
    // Without the sealed choice (an altered link) the page still keeps the target, without guessing how.
    const bare = parse(await (await t.app.request(location.replace(/&c=.*/, '&c=AAAA'))).text());
    expect(bare.querySelector('main')?.text).toContain(
      'We will contact you, by Wednesday, November 25, 3:00 PM Pacific Time.',
    );
    expect(text).not.toContain('Ana');
    // The shared passage from content/en/partials/when-to-call.md, as on the procedure pages.
    expect(text).toContain('When to call us, and when to call 911');
    expect(text).toContain('A fever of 100.4 °F (38 °C) or higher.');
  });

  it('answers a resend of the same form with the same thank-you, storing nothing more', async () => {
    const form = await openForm(fetcher, '/es/solicitud');
    later(5_000);
    const first = await sendForm(fetcher, '/es/solicitud', form, validAnswers());
    const again = await sendForm(fetcher, '/es/solicitud', form, validAnswers({ message: 'Otra vez' }));
    const [a, b] = await Promise.all([
      sendForm(fetcher, '/es/solicitud', form, validAnswers()),
      sendForm(fetcher, '/es/solicitud', form, validAnswers()),
    ]);
    const locations = [first, again, a, b].map((r) => [r.status, r.headers.get('location')]);
    expect(new Set(locations.map(String)).size).toBe(1);
    expect(first.headers.get('location')).toMatch(/^\/es\/solicitud\/enviada\?ref=/);
    expect(await rows()).toHaveLength(2);
    const thanks = parse(await (await t.app.request(first.headers.get('location') ?? '')).text());
    expect(thanks.querySelector('main')?.text).toContain(
      'Le llamaremos por la mañana, a más tardar el jueves, 26 de noviembre',
    );
  });

  it('stores a request with only an e-mail address, and names in any script', async () => {
    const { res } = await submit(
      '/en/request',
      validAnswers({
        'given-name': 'Nguyễn  Thị',
        'family-name': 'D’Angelo',
        tel: '',
        'contact-method': 'email',
        language: 'other',
        'language-other': 'Tiếng Việt',
      }),
    );
    expect(res.status).toBe(303);
    expect(await rows()).toHaveLength(3);
  });

  it('answers 404 for an unknown reference and keeps patient data out of the URL', async () => {
    expect((await t.app.request('/en/request/sent?ref=0000-0000')).status).toBe(404);
    expect((await t.app.request('/en/request/sent?ref=<script>')).status).toBe(404);
    const { res } = await submit('/en/request');
    expect(res.headers.get('location')).not.toMatch(/Ana|example|213|90017/);
  });
});
