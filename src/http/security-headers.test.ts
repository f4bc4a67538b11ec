import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securedHeaders, securedResponse, securityHeaders } from './security-headers.ts';

const appFor = (siteUrl: string) => new Hono().use(securityHeaders(siteUrl)).get('/', (c) => c.text('ok'));

describe('securityHeaders', () => {
  it('adds HSTS and upgrades requests when the site is served over https', async () => {
    const res = await appFor('https://clinic.example').request('/');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('leaves HSTS off for a plain-http site, such as a laptop', async () => {
    const res = await appFor('http://127.0.0.1:3000').request('/');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('a securedResponse carries the same headers as any other answer, plus its own', async () => {
    const site = 'https://clinic.example';
    const app = new Hono()
      .use(securityHeaders(site))
      .get('/', (c) => c.text('ok'))
      .post('/beacon', () => securedResponse(202, securedHeaders(site, { 'Cache-Control': 'no-store' })));
    const page = await app.request('/');
    const beacon = await app.request('/beacon', { method: 'POST' });
    expect(beacon.status).toBe(202);
    const security = [...page.headers].filter(([name]) => !['content-type', 'x-request-id'].includes(name));
    expect(security.length).toBe(8);
    for (const [name, value] of security) expect(beacon.headers.get(name), name).toBe(value);
    expect(beacon.headers.get('cache-control')).toBe('no-store');
  });
});
