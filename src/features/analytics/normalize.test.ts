import { describe, expect, it } from 'vitest';
import { normalizePageUrl, normalizeReferrer } from './normalize.ts';

describe('normalizePageUrl', () => {
  it('keeps the path and the five utm_ parameters, and drops every other parameter and the fragment', () => {
    const page = normalizePageUrl(
      '/en/faq?utm_source=Newsletter&utm_medium=Email&utm_campaign=Spring%20Clinic&utm_term=back+pain&utm_content=top&name=Maria&email=m%40x.com#q3',
    );
    expect(page).toEqual({
      path: '/en/faq',
      utm: {
        source: 'newsletter',
        medium: 'email',
        campaign: 'spring clinic',
        term: 'back pain',
        content: 'top',
      },
    });
  });

  it('takes a plain path as it is, the same as through the full parser', () => {
    const none = { source: null, medium: null, campaign: null, term: null, content: null };
    expect(normalizePageUrl('/es/preguntas-frecuentes')).toEqual({
      path: '/es/preguntas-frecuentes',
      utm: none,
    });
    expect(normalizePageUrl('/es/preguntas-frecuentes?x=1')).toEqual(
      normalizePageUrl('/es/preguntas-frecuentes'),
    );
  });

  it('gives null for each absent or empty parameter', () => {
    expect(normalizePageUrl('/es/?utm_source=&utm_campaign=%20%20')?.utm).toEqual({
      source: null,
      medium: null,
      campaign: null,
      term: null,
      content: null,
    });
  });

  it('collapses whitespace and control characters and cuts values to 100 characters', () => {
    const page = normalizePageUrl(
      `/en/?utm_campaign=${encodeURIComponent(' a\n\tb\u0000c ')}&utm_term=${'x'.repeat(300)}`,
    );
    expect(page?.utm.campaign).toBe('a b c');
    expect(page?.utm.term).toHaveLength(100);
  });

  it('refuses anything that is not a path on this site', () => {
    for (const u of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'en/faq',
      `/${'p'.repeat(301)}`,
    ])
      expect(normalizePageUrl(u), u).toBeNull();
  });
});

describe('normalizeReferrer', () => {
  const own = ['clinic.test'];

  it('keeps only the host of another site, lower-case and without www.', () => {
    expect(normalizeReferrer('https://www.Google.com/search?q=sciatica', own)).toBe('google.com');
    expect(normalizeReferrer('http://news.example:8080/article/1', own)).toBe('news.example');
  });

  it('drops our own pages, other schemes and nonsense', () => {
    for (const r of ['https://clinic.test/en/faq', 'android-app://com.google.gm', 'not a url', '', undefined])
      expect(normalizeReferrer(r, own), String(r)).toBeNull();
  });
});
