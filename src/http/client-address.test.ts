import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddressBehind } from './client-address.ts';

const addressSeen = async (trustedProxies: number, forwardedFor?: string) => {
  const app = new Hono().get('/', (c) => c.text(clientAddressBehind(trustedProxies)(c)));
  const headers: Record<string, string> =
    forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return (await app.request('/', { headers })).text();
};

describe('clientAddressBehind', () => {
  it('with no proxy, ignores X-Forwarded-For: anyone can send one', async () => {
    expect(await addressSeen(0, '198.51.100.7')).toBe('unknown'); // app.request has no socket
  });

  it('behind one proxy, takes the entry that proxy appended, not what the visitor put before it', async () => {
    expect(await addressSeen(1, '198.51.100.7')).toBe('198.51.100.7');
    expect(await addressSeen(1, '10.9.9.9, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('behind two proxies (a CDN, then a load balancer), takes the second entry from the right', async () => {
    expect(await addressSeen(2, 'forged, 203.0.113.5, 172.16.0.2')).toBe('203.0.113.5');
  });

  it('falls back to the furthest hop it has when the header is short, missing or junk', async () => {
    expect(await addressSeen(2, '172.16.0.2')).toBe('172.16.0.2');
    expect(await addressSeen(1)).toBe('unknown');
    expect(await addressSeen(1, ` , ${'x'.repeat(200)}`)).toBe('unknown');
  });
});
