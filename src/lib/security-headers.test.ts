import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

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
});
