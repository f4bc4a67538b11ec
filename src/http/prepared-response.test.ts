import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, prepare } from './prepared-response.ts';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', 'identity'],
    [undefined, 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('chooseEncoding among what is offered', () => {
  it('picks gzip when only gzip is offered, unless the client refused it', () => {
    expect(chooseEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
    expect(chooseEncoding('br, gzip;q=0', ['gzip'])).toBe('identity');
    expect(chooseEncoding('br, gzip;q=0')).toBe('br'); // and the cache keeps the two apart
  });
});

describe('prepare', () => {
  it('keeps the same content in every encoding and an ETag that follows the content', () => {
    const a = prepare('<p>hello</p>'.repeat(50), 'text/html', 'no-store');
    expect(gunzipSync(a.bodies.gzip).toString()).toBe('<p>hello</p>'.repeat(50));
    expect(brotliDecompressSync(a.bodies.br).toString()).toBe('<p>hello</p>'.repeat(50));
    expect(prepare('<p>hello</p>'.repeat(50), 'text/html', 'no-store').etag).toBe(a.etag);
    expect(prepare('<p>bye</p>', 'text/html', 'no-store').etag).not.toBe(a.etag);
  });
});
