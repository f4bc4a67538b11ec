import { describe, expect, it } from 'vitest';
import { visitFrom } from './visit.ts';

const base = {
  url: 'https://clinic.test/en/request',
  origins: ['https://clinic.test'],
  isPage: (p: string) => p === '/en/faq',
};

describe('visitFrom', () => {
  it('keeps our own page that linked to the form, and its campaign', () => {
    expect(visitFrom({ ...base, referer: 'https://clinic.test/en/faq?utm_campaign=spring_2026' })).toEqual({
      source: '/en/faq',
      campaign: 'spring_2026',
    });
    expect(visitFrom({ ...base, url: `${base.url}?utm_campaign=radio`, referer: undefined })).toEqual({
      source: null,
      campaign: 'radio',
    });
  });

  it('drops other sites, unknown paths and campaigns that are not plain names', () => {
    expect(visitFrom({ ...base, referer: 'https://search.example/?q=back+pain' })).toEqual({
      source: null,
      campaign: null,
    });
    expect(visitFrom({ ...base, referer: 'https://clinic.test/en/request/sent?ref=AAAA-BBBB' })).toEqual({
      source: null,
      campaign: null,
    });
    for (const campaign of ['Ana María', 'a@b.c', 'x'.repeat(61), '<script>']) {
      expect(
        visitFrom({
          ...base,
          url: `${base.url}?utm_campaign=${encodeURIComponent(campaign)}`,
          referer: 'nonsense',
        }).campaign,
      ).toBeNull();
    }
  });
});
