import { parse } from 'node-html-parser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { openForm, sendForm, validAnswers, type Fetcher } from '../../../tests/setup/request-form.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';

let t: TestApp;
let clock = new Date('2026-11-24T18:00:00Z');
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let fetcher: Fetcher;
let closed = false;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  fetcher = async (path, init) => t.app.request(path, init);
});
afterAll(async () => {
  if (!closed) await t.close();
});

const kept = (html: string) => {
  const page = parse(html);
  return {
    notice: page.querySelector('#form-notice')?.text ?? '',
    call: page.querySelector('#form-notice a[href="tel:+12135550142"]')?.text,
    name: page.querySelector('input[name="given-name"]')?.getAttribute('value'),
    message: page.querySelector('textarea[name="message"]')?.text,
    painAreas: page.querySelectorAll('input[name="pain-area"][checked]').map((c) => c.getAttribute('value')),
  };
};
const typed = {
  name: 'Ana María',
  message: 'Me duele la espalda desde hace años.',
  painAreas: ['low-back', 'legs'],
};

/** Runs SQL as the server's administrator (PostgreSQL only). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('before set-up is complete', () => {
  it('says so on the form, and refuses a post with 503, the answers kept and the phone offered', async () => {
    const page = parse(await (await t.app.request('/en/request')).text());
    expect(page.querySelector('#form-notice')?.text).toContain('Our online form is not open yet');
    expect(page.querySelector('#form-notice')?.getAttribute('role')).toBe('status');
    const form = await openForm(fetcher, '/en/request');
    later(10_000);
    const res = await sendForm(fetcher, '/en/request', form, validAnswers());
    expect(res.status).toBe(503);
    expect(kept(await res.text())).toEqual({
      notice: expect.stringContaining('our online form is not open yet. Your answers are still below'),
      call: 'Call us at (213) 555-0142',
      ...typed,
    });
    expect(await t.db.query('SELECT 1 FROM requests')).toHaveLength(0);
    // Once set-up is done, the same answers go through.
    await setUpClinic(t.db);
    expect((await sendForm(fetcher, '/en/request', form, validAnswers())).status).toBe(303);
  });
});

describe('when the database is unavailable', () => {
  it('answers 503 with the form and everything typed, then takes the same form once it is back', async () => {
    const form = await openForm(fetcher, '/es/solicitud');
    later(10_000);
    const name = t.db.url ? new URL(t.db.url).pathname.slice(1) : '';
    // Really break it: PostgreSQL refuses new connections and drops the pool's ones;
    // the embedded database is closed underneath the app.
    if (t.db.kind === 'postgres') {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    } else {
      await t.db.close();
      closed = true;
    }
    const res = await sendForm(fetcher, '/es/solicitud', form, validAnswers());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(kept(html)).toEqual({
      notice: expect.stringContaining(
        'No pudimos guardar su solicitud en este momento. Sus respuestas siguen abajo.',
      ),
      call: 'Llámenos al (213) 555-0142',
      ...typed,
    });
    // The log says something failed, and nothing the patient typed.
    const log = t.logs.join('');
    expect(log).toContain('request form: post not stored');
    for (const word of ['Ana', 'espalda', '555 0142', '5550142', '90017'])
      expect(log, word).not.toContain(word);
    if (t.db.kind !== 'postgres') return;

    // The server comes back: the pool reconnects by itself and the same form goes through.
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const again = await sendForm(fetcher, '/es/solicitud', form, validAnswers());
    expect(again.status).toBe(303);
    expect(await t.db.query('SELECT 1 FROM requests')).toHaveLength(2);
  });
});
