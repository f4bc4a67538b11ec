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

  it('serves a GET without reading a body', async () => {
    const res = await app.request('/page');
    expect([res.status, await res.text()]).toEqual([200, 'page']);
  });
});
