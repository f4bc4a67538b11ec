import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, parseEventPayload } from './payload.ts';

describe('parseEventPayload', () => {
  it('accepts a page view with a referrer and a form error with field names', () => {
    expect(parseEventPayload('{"n":"pageview","u":"/en/faq","r":"https://news.example"}')).toEqual({
      ok: true,
      payload: { n: 'pageview', u: '/en/faq', r: 'https://news.example' },
    });
    expect(parseEventPayload('{"n":"form_error","u":"/en/request","f":["tel","given-name"]}')).toMatchObject({
      ok: true,
      payload: { f: ['tel', 'given-name'] },
    });
  });

  it('refuses text that is not JSON, or JSON that is not an object', () => {
    for (const text of ['', 'pageview', '{"n":', 'null', '[]', '"x"', '42'])
      expect(parseEventPayload(text), text).toEqual({ ok: false, status: 400 });
  });

  it('refuses unknown event names, unknown keys and wrong types', () => {
    for (const body of [
      { n: 'purchase', u: '/en/' },
      { n: 'pageview', u: '/en/', extra: 1 },
      { n: 'pageview', u: 42 },
      { n: 'pageview' },
      { n: 'pageview', u: 'https://elsewhere.example/' },
      { n: 'form_error', u: '/en/request', f: 'tel' },
    ])
      expect(parseEventPayload(JSON.stringify(body)), JSON.stringify(body)).toEqual({
        ok: false,
        status: 400,
      });
  });

  it('refuses a typed value passed off as a field name, and too many fields', () => {
    expect(parseEventPayload('{"n":"form_error","u":"/en/request","f":["Maria Lopez"]}').ok).toBe(false);
    expect(parseEventPayload('{"n":"form_error","u":"/en/request","f":["555-0142"]}').ok).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `f${i}`);
    expect(parseEventPayload(JSON.stringify({ n: 'form_error', u: '/x', f: many })).ok).toBe(false);
  });

  it('bounds every length: the URL, the referrer and the whole body', () => {
    expect(parseEventPayload(JSON.stringify({ n: 'pageview', u: `/${'a'.repeat(1023)}` })).ok).toBe(true);
    expect(parseEventPayload(JSON.stringify({ n: 'pageview', u: `/${'a'.repeat(1024)}` })).ok).toBe(false);
    expect(
      parseEventPayload(JSON.stringify({ n: 'pageview', u: '/', r: `https://${'r'.repeat(520)}` })).ok,
    ).toBe(false);
    const big = JSON.stringify({ n: 'pageview', u: '/', r: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(parseEventPayload(big)).toEqual({ ok: false, status: 413 });
  });
});
