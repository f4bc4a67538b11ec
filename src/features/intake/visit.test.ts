import { describe, expect, it } from 'vitest';
import { visitFrom } from './visit.ts';

const base = {
  origins: ['https://clinic.test'],
  isPage: (p: string) => p === '/en/faq',
};

describe('visitFrom', () => {
  it('keeps our own page that linked to the form, without its query', () => {
    expect(visitFrom({ ...base, referer: 'https://clinic.test/en/faq?utm_campaign=spring_2026' })).toEqual({
      source: '/en/faq',
    });
    expect(visitFrom({ ...base, referer: undefined })).toEqual({ source: null });
  });

  it('drops other sites, unknown paths and nonsense', () => {
    expect(visitFrom({ ...base, referer: 'https://search.example/?q=back+pain' })).toEqual({ source: null });
    expect(visitFrom({ ...base, referer: 'https://clinic.test/en/request/sent?ref=AAAA-BBBB' })).toEqual({
      source: null,
    });
    expect(visitFrom({ ...base, referer: 'nonsense' })).toEqual({ source: null });
  });
});
