import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { spliceAt, splicedGzip, splicedIdentity } from './spliced-page.ts';

const html = `<!doctype html><title>Form</title>${'<p>Tell us how we can reach you.</p>'.repeat(200)}
<input type="hidden" name="form-token" value="@@token@@">${'<label>Phone</label>'.repeat(100)}
<input type="hidden" name="idempotency-key" value="@@key@@"></form>`;

describe('spliced pages', () => {
  const page = spliceAt(html, ['@@token@@', '@@key@@']);
  const values = ['eyJ0b2tlbiI6MX0.c2lnbmF0dXJl', 'K3y-ünïcode'];
  const expected = html.replace('@@token@@', values[0] as string).replace('@@key@@', values[1] as string);

  it('puts the values in place of the placeholders', () => {
    expect(splicedIdentity(page, values).toString()).toBe(expected);
  });

  it('makes one valid gzip stream of the whole page, about as small as gzip in one pass', () => {
    const gzipped = splicedGzip(page, values);
    expect(gunzipSync(gzipped).toString()).toBe(expected);
    expect(gzipped.length).toBeLessThan(gzipSync(expected, { level: 9 }).length * 1.2 + 64);
    // Each answer is its own: other values, other bytes, still valid.
    expect(gunzipSync(splicedGzip(page, ['a', 'b'])).toString()).toBe(
      html.replace('@@token@@', 'a').replace('@@key@@', 'b'),
    );
  });

  it('takes placeholders in any order, and refuses one that is missing or appears twice', () => {
    expect(() => spliceAt('<p>no placeholder</p>', ['@@token@@'])).toThrow('placeholder @@token@@');
    expect(splicedIdentity(spliceAt('[@@b@@|@@a@@]', ['@@a@@', '@@b@@']), ['A', 'B']).toString()).toBe(
      '[B|A]',
    );
    expect(() => spliceAt('@@a@@ @@a@@', ['@@a@@'])).toThrow('placeholder @@a@@');
  });
});
