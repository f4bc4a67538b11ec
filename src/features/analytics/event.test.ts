import { describe, expect, it } from 'vitest';
import { buildEvent, type EventContext } from './event.ts';
import { buildPageDirectory, describePage, OTHER_PATH } from './page-directory.ts';

const pages = buildPageDirectory({
  pages: [
    { key: 'home', path: '/en/', meta: { kind: 'education', slug: '' } },
    { key: 'faq', path: '/en/faq', meta: { kind: 'education', slug: 'faq' } },
    { key: 'privacy', path: '/es/privacidad', meta: { kind: 'policy', slug: 'privacidad' } },
  ] as never,
});

const context: EventContext = {
  now: new Date('2025-03-01T18:00:00Z'),
  day: '2025-03-01',
  visitorId: 'v1',
  agent: { browser: 'Safari', os: 'iOS', device: 'phone' },
  pages,
  ownHosts: ['clinic.test'],
};

describe('describePage', () => {
  it('knows each page kind, the request form in both languages, and the language from the path', () => {
    expect(describePage(pages, '/en/')).toEqual({ path: '/en/', kind: 'home', locale: 'en' });
    expect(describePage(pages, '/en/faq')).toEqual({ path: '/en/faq', kind: 'education', locale: 'en' });
    expect(describePage(pages, '/es/privacidad')).toEqual({
      path: '/es/privacidad',
      kind: 'policy',
      locale: 'es',
    });
    expect(describePage(pages, '/es/solicitud')).toEqual({
      path: '/es/solicitud',
      kind: 'request',
      locale: 'es',
    });
    expect(describePage(pages, '/en/request/sent')).toEqual({
      path: '/en/request/sent',
      kind: 'request',
      locale: 'en',
    });
    expect(describePage(pages, '/es/solicitud/Maria-Lopez')).toEqual({
      path: '/es/solicitud',
      kind: 'request',
      locale: 'es',
    });
  });

  it('records any other path as "(other)": an address bar can hold typed text', () => {
    expect(describePage(pages, '/en/maria-lopez-555-0142')).toEqual({
      path: OTHER_PATH,
      kind: 'other',
      locale: 'en',
    });
    expect(describePage(pages, '/wp-admin')).toEqual({ path: OTHER_PATH, kind: 'other', locale: null });
  });
});

describe('buildEvent', () => {
  it('turns a page view into a row with campaign, referrer host and the reduced agent', () => {
    const event = buildEvent(
      { n: 'pageview', u: '/en/faq?utm_source=Mail&utm_campaign=spring&q=x', r: 'https://www.bing.com' },
      context,
    );
    expect(event).toEqual({
      occurredAt: context.now,
      day: '2025-03-01',
      visitorId: 'v1',
      name: 'pageview',
      path: '/en/faq',
      pageKind: 'education',
      locale: 'en',
      referrer: 'bing.com',
      utmSource: 'mail',
      utmMedium: null,
      utmCampaign: 'spring',
      utmTerm: null,
      utmContent: null,
      browser: 'Safari',
      os: 'iOS',
      device: 'phone',
      fields: null,
    });
  });

  it('keeps campaign and referrer for page views only, and field names for form errors only', () => {
    const click = buildEvent({ n: 'phone_click', u: '/en/?utm_source=x', r: 'https://a.example' }, context);
    expect(click).toMatchObject({ name: 'phone_click', utmSource: null, referrer: null, fields: null });
    const error = buildEvent({ n: 'form_error', u: '/en/request', f: ['tel', 'email', 'tel'] }, context);
    expect(error).toMatchObject({ pageKind: 'request', fields: 'tel,email' });
    expect(buildEvent({ n: 'form_start', u: '/en/request', f: ['tel'] }, context)?.fields).toBeNull();
  });

  it('gives null for a URL that is not a path of this site', () => {
    expect(buildEvent({ n: 'pageview', u: '//evil.example/' }, context)).toBeNull();
  });
});
