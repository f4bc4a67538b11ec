import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { formBody, openForm, validAnswers, type Fetcher } from '../../../tests/setup/request-form.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';
import { encodeCarried } from './carry-over.ts';

/**
 * The form's POST as Node serves it (server.ts: @hono/node-server behind node:http), where the
 * body is read from the Node request itself: every way a body can arrive, over real sockets.
 */

let t: TestApp;
let server: Server;
let port: number;
let clock = new Date('2026-11-24T23:12:00Z');
let address = 0;

beforeAll(async () => {
  t = await createTestApp({
    now: () => clock,
    // Each post from its own address, so the per-address limit never answers instead.
    clientAddress: (c) => c.req.header('x-test-address') ?? '192.0.2.1',
  });
  await setUpClinic(t.db);
  server = createServer(getRequestListener(t.app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const fetcher: Fetcher = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
const storedCount = async () => (await t.db.query('SELECT id FROM requests')).length;

type Answer = { status: number; location: string | undefined; body: string };

/** Sends one POST with exactly these headers and body chunks (chunked when no content-length). */
function post(headers: Record<string, string>, chunks: (string | Buffer)[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/en/request', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** A fresh form, filled in for 30 s, as the urlencoded body a browser sends. */
async function filledForm(answers = validAnswers()): Promise<string> {
  const form = await openForm(fetcher, '/en/request');
  clock = new Date(clock.getTime() + 30_000);
  return formBody(answers, form).toString();
}

const from = () => ({ 'x-test-address': `198.51.100.${++address}` });
const URLENCODED = 'application/x-www-form-urlencoded';

describe('the request form POST over node:http', () => {
  it('stores a urlencoded post with a Content-Length and answers 303 to the thank-you page', async () => {
    const body = await filledForm();
    const before = await storedCount();
    const res = await post(
      { ...from(), 'content-type': URLENCODED, 'content-length': String(Buffer.byteLength(body)) },
      [body],
    );
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/en\/request\/sent\?ref=[0-9A-Z]{4}-[0-9A-Z]{4}&c=/);
    expect(await storedCount()).toBe(before + 1);
  });

  it('reads the content type whatever its case and parameters, and a body sent in pieces', async () => {
    const body = await filledForm();
    const before = await storedCount();
    const cut = Math.floor(body.length / 2);
    const res = await post(
      { ...from(), 'content-type': 'Application/X-WWW-Form-URLencoded; charset=UTF-8' },
      [body.slice(0, cut), body.slice(cut)],
    );
    expect(res.status).toBe(303);
    expect(await storedCount()).toBe(before + 1);
  });

  it('keeps names in any script as typed, through the percent-encoding', async () => {
    const body = await filledForm(validAnswers({ 'given-name': 'Zoë 李', message: 'a+b & c = ñ' }));
    const res = await post({ ...from(), 'content-type': URLENCODED }, [body]);
    expect(res.status).toBe(303);
    // Shown again with an error, the page carries each value back exactly.
    const bad = await filledForm(validAnswers({ 'given-name': 'Zoë 李', message: 'a+b & c = ñ', tel: '12' }));
    const shown = await post({ ...from(), 'content-type': URLENCODED }, [bad]);
    expect(shown.status).toBe(422);
    const page = parse(shown.body);
    expect(page.querySelector('input[name="given-name"]')?.getAttribute('value')).toBe('Zoë 李');
    expect(page.querySelector('textarea[name="message"]')?.text).toBe('a+b & c = ñ');
  });

  it('stores a multipart post too', async () => {
    const body = new URLSearchParams(await filledForm());
    const form = new FormData();
    for (const [name, value] of body) form.append(name, value);
    const before = await storedCount();
    const res = await fetcher('/en/request', {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: from(),
    });
    expect(res.status).toBe(303);
    expect(await storedCount()).toBe(before + 1);
  });

  it('answers a body over 32 KB with the friendly 413 page, with a Content-Length or chunked', async () => {
    const body = await filledForm(validAnswers({ message: 'x'.repeat(40_000) }));
    const before = await storedCount();
    const declared = await post(
      { ...from(), 'content-type': URLENCODED, 'content-length': String(Buffer.byteLength(body)) },
      [body],
    );
    const chunked = await post({ ...from(), 'content-type': URLENCODED }, [
      body.slice(0, 20_000),
      body.slice(20_000),
    ]);
    for (const res of [declared, chunked]) {
      expect(res.status).toBe(413);
      const page = parse(res.body);
      expect(page.querySelector('h1')?.text).toBe('Too much text');
      expect(page.querySelector('main a[href^="tel:"]')).not.toBeNull();
    }
    expect(await storedCount()).toBe(before);
  });

  it('takes a body of exactly 32 KB, and refuses one byte more', async () => {
    const body = await filledForm();
    const padded = (size: number) => `${body}&pad=${'y'.repeat(size - body.length - 5)}`;
    const at = await post({ ...from(), 'content-type': URLENCODED }, [padded(32 * 1024)]);
    expect(at.status).toBe(303);
    const over = await post({ ...from(), 'content-type': URLENCODED }, [padded(32 * 1024 + 1)]);
    expect(over.status).toBe(413);
  });

  it('answers a wrong or missing content type, or a garbled body, with the form again: never 5xx', async () => {
    const body = await filledForm();
    const before = await storedCount();
    const answers = [
      await post({ ...from(), 'content-type': 'text/plain' }, [body]),
      await post({ ...from(), 'content-type': 'application/json' }, ['{"form-token":']),
      await post({ ...from(), 'content-type': 'multipart/form-data; boundary=x' }, [body]),
      await post({ ...from() }, [body]),
      await post({ ...from(), 'content-type': URLENCODED }, ['%zz&%&&==&form-token=%E0%A4%A&x']),
      await post({ ...from(), 'content-type': URLENCODED }, [Buffer.from([0xff, 0xfe, 0x00, 0x26, 0x3d])]),
    ];
    for (const res of answers) {
      // The form with its "expired" notice and a new token: the patient can send it again.
      expect(res.status).toBe(422);
      expect(parse(res.body).querySelector('input[name="form-token"]')?.getAttribute('value')).not.toBe('');
    }
    expect(await storedCount()).toBe(before);
  });

  it('stores nothing from a body cut short by a closed connection', async () => {
    const body = await filledForm();
    const before = await storedCount();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /en/request HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${URLENCODED}\r\n` +
            `Content-Length: ${body.length + 100}\r\n\r\n${body}`,
        );
        socket.end();
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    // Node itself answers an unfinished message (400), or nothing; never a stored request.
    expect(answer === '' || answer.startsWith('HTTP/1.1 400')).toBe(true);
    // The app's answer to the unreadable body, if any, comes after Node's; give it time to run.
    await new Promise((r) => setTimeout(r, 200));
    expect(await storedCount()).toBe(before);
  });

  it('opens the form with the answers the self-check carries over', async () => {
    const carried = encodeCarried({ 'pain-area': ['low-back'], 'pain-duration': '1-to-5-years' });
    const body = new URLSearchParams({ 'open-request-form': '1', 'carried-answers': carried }).toString();
    const before = await storedCount();
    const res = await post({ ...from(), 'content-type': URLENCODED }, [body]);
    expect(res.status).toBe(200);
    const page = parse(res.body);
    const checked = (name: string) =>
      page
        .querySelectorAll(`input[name="${name}"]`)
        .filter((i) => i.hasAttribute('checked'))
        .map((i) => i.getAttribute('value'));
    expect(checked('pain-area')).toEqual(['low-back']);
    expect(checked('pain-duration')).toEqual(['1-to-5-years']);
    expect(await storedCount()).toBe(before);
  });
});
