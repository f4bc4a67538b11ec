import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.ts';

const app = new Hono()
  .use(limitBody(1024, (c) => c.text('too large', 413)))
  .post('/form', async (c) => c.text(`read ${(await c.req.text()).length}`))
  .get('/page', (c) => c.text('page'));

describe('limitBody', () => {
  it('answers 413 for a body over the limit, and lets a smaller one through', async () => {
    const big = await app.request('/form', { method: 'POST', body: 'x'.repeat(1025) });
    expect(big.status).toBe(413);
    expect(await big.text()).toBe('too large');
    const small = await app.request('/form', { method: 'POST', body: 'x'.repeat(1024) });
    expect(await small.text()).toBe('read 1024');
  });

  it('judges a body with a Content-Length by the header, and counts a chunked one', async () => {
    const declared = await app.request('/form', {
      method: 'POST',
      headers: { 'content-length': '1025' },
      body: 'x'.repeat(1025),
    });
    expect(declared.status).toBe(413);
    const within = await app.request('/form', {
      method: 'POST',
      headers: { 'content-length': '1024' },
      body: 'x'.repeat(1024),
    });
    expect(await within.text()).toBe('read 1024');
    const garbled = await app.request('/form', {
      method: 'POST',
      headers: { 'content-length': '1e3' },
      body: 'x',
    });
    expect(garbled.status).toBe(413);
    const stream = (size: number) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('x'.repeat(size)));
          controller.close();
        },
      });
    const chunked = await app.request('/form', {
      method: 'POST',
      body: stream(1025),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const small = await app.request('/form', {
      method: 'POST',
      body: stream(1000),
      duplex: 'half',
    } as RequestInit);
    expect(await small.text()).toBe('read 1000');
  });

  it('serves a GET without reading a body', async () => {
    const res = await app.request('/page');
    expect([res.status, await res.text()]).toEqual([200, 'page']);
  });
});
