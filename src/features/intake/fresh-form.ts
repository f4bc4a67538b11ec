import type { Context } from 'hono';
import { chooseEncoding } from '../../http/prepared-response.ts';
import { spliceAt, splicedGzip, splicedIdentity, type SplicedPage } from '../../http/spliced-page.ts';
import type { Locale } from '../../i18n/locales.ts';

/**
 * The request form as a first visit sees it (empty, no notice, no proof of work) differs from
 * one visitor to the next only by its form token and idempotency key. So it is rendered once per
 * language with placeholders in their place, and each view splices the visitor's values in
 * (src/http/spliced-page.ts): a few microseconds instead of rendering and compressing the page.
 */
const TOKEN_SLOT = 'form-token-slot-5b9e2d';
const KEY_SLOT = 'idempotency-key-slot-c41a07';
const GZIP_ONLY = ['gzip'] as const;
/** Token and key are base64url (the token with one dot): nothing in them needs HTML escaping. */
const PLAIN = /^[A-Za-z0-9_.-]{1,1000}$/;

export type FreshForms = {
  /** The spliced page for a locale, rendered on first use. */
  page(locale: Locale): Promise<SplicedPage>;
};

/** @param render the page's HTML with this token and key (the same markup as every other view) */
export function freshForms(
  render: (locale: Locale, token: string, key: string) => Promise<string>,
): FreshForms {
  const pages = new Map<Locale, Promise<SplicedPage>>();
  return {
    page(locale) {
      let page = pages.get(locale);
      if (!page) {
        page = render(locale, TOKEN_SLOT, KEY_SLOT).then((html) => spliceAt(html, [TOKEN_SLOT, KEY_SLOT]));
        pages.set(locale, page);
      }
      return page;
    },
  };
}

/** Whether a value can go into the page as it is. */
export const isSpliceable = (value: string): boolean => PLAIN.test(value);

/** Sends the fresh form with the visitor's token and key: gzip when accepted, else plain. */
export function sendFreshForm(c: Context, page: SplicedPage, token: string, key: string): Response {
  const values = [token, key];
  const gzip = chooseEncoding(c.req.header('accept-encoding'), GZIP_ONLY) === 'gzip';
  const body = gzip ? splicedGzip(page, values) : splicedIdentity(page, values);
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
}
