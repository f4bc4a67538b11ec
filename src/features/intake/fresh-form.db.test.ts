import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHiddenFields } from '../../../tests/setup/form-client.ts';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await setUpClinic(t.db);
});
afterAll(() => t.close());

const view = async (acceptEncoding?: string) => {
  const res = await t.app.request('/es/solicitud', {
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  const html = (encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString();
  return { res, encoding, html, hidden: readHiddenFields(html).hidden };
};

describe('the request form for a first visit (one page per language, each visitor spliced in)', () => {
  it('gives each visitor its own form token and idempotency key in an otherwise identical page', async () => {
    const [a, b] = [await view('gzip, deflate, br'), await view('gzip, deflate, br')];
    expect([a.res.status, a.encoding, a.res.headers.get('cache-control')]).toEqual([
      200,
      'gzip',
      'private, no-cache',
    ]);
    expect(a.hidden['form-token']).not.toBe(b.hidden['form-token']);
    expect(a.hidden['idempotency-key']).not.toBe(b.hidden['idempotency-key']);
    const blank = (v: typeof a) =>
      v.html
        .replace(v.hidden['form-token'] as string, 'TOKEN')
        .replace(v.hidden['idempotency-key'] as string, 'KEY');
    expect(blank(a)).toBe(blank(b));
    expect(a.html).toContain('<html lang="es"');
  });

  it('sends the same page uncompressed to a client that takes no gzip', async () => {
    const plain = await view('br;q=1, gzip;q=0');
    expect(plain.encoding).toBeNull();
    expect(plain.html).toContain(`value="${plain.hidden['form-token']}"`);
    expect(plain.res.headers.get('vary')).toBe('Accept-Encoding');
  });
});
