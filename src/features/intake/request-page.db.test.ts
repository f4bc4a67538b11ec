import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/setup/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET the request form', () => {
  it('renders every field with a visible label, its name, type and autocomplete token', async () => {
    const res = await t.app.request('/en/request');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const page = parse(await res.text());
    const form = page.querySelector('form[data-request-form]');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('/en/request');
    const labelOf = (id: string) => page.querySelector(`label[for="${id}"]`)?.text.trim();
    const input = (name: string) => page.querySelector(`[name="${name}"]`);
    const expectations: [string, string, string | undefined, string][] = [
      ['given-name', 'text', 'given-name', 'First name (required)'],
      ['family-name', 'text', 'family-name', 'Last name (required)'],
      ['postal-code', 'text', 'postal-code', 'ZIP code (required)'],
      ['tel', 'tel', 'tel', 'Phone number'],
      ['email', 'email', 'email', 'E-mail address'],
      ['language-other', 'text', undefined, 'If another language, which one?'],
      ['heard-from', 'text', undefined, 'How did you hear about us?'],
    ];
    for (const [name, type, autocomplete, label] of expectations) {
      expect(input(name)?.getAttribute('type'), name).toBe(type);
      expect(input(name)?.getAttribute('autocomplete'), name).toBe(autocomplete);
      expect(labelOf(name), name).toBe(label);
    }
    expect(input('postal-code')?.getAttribute('inputmode')).toBe('numeric');
    expect(input('given-name')?.getAttribute('aria-required')).toBe('true');
    expect(input('message')?.tagName).toBe('TEXTAREA');
    expect(labelOf('message')).toBe('Is there anything else you want us to know?');
    expect(input('insurance')?.tagName).toBe('SELECT');
    const groups: [string, string, string[]][] = [
      ['contact-method', 'radio', ['phone', 'text', 'email']],
      ['best-time', 'radio', ['morning', 'afternoon', 'evening', 'any']],
      ['language', 'radio', ['en', 'es', 'other']],
      ['pain-area', 'checkbox', ['neck', 'mid-back', 'low-back', 'legs', 'arms']],
      ['pain-duration', 'radio', ['under-3-months', '3-to-12-months', '1-to-5-years', 'over-5-years']],
      ['pain-level', 'radio', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']],
      [
        'treatments',
        'checkbox',
        ['medication', 'physical-therapy', 'injections', 'surgery', 'spinal-cord-stimulator', 'pain-pump'],
      ],
      ['consent', 'checkbox', ['yes']],
    ];
    for (const [name, type, values] of groups) {
      const controls = page.querySelectorAll(`input[name="${name}"]`);
      expect(
        controls.map((c) => c.getAttribute('value')),
        name,
      ).toEqual(values);
      for (const c of controls) {
        expect(c.getAttribute('type'), name).toBe(type);
        expect(labelOf(c.id)?.length, `${name} ${c.id}`).toBeGreaterThan(0);
      }
      if (name !== 'consent')
        expect(page.querySelector(`fieldset[data-field="${name}"] > legend`)?.text.length).toBeGreaterThan(5);
    }
    expect(
      page.querySelectorAll('select[name="insurance"] option').map((o) => o.getAttribute('value')),
    ).toEqual(['', 'medicare', 'medi-cal', 'private', 'workers-comp', 'none', 'other', 'unsure']);
    // The page language is preselected, as is "any time"; nothing else is.
    expect(page.querySelector('input[name="language"][checked]')?.getAttribute('value')).toBe('en');
    expect(page.querySelector('input[name="best-time"][checked]')?.getAttribute('value')).toBe('any');
    expect(page.querySelectorAll('input[name="contact-method"][checked]')).toHaveLength(0);
  });

  it('carries the hidden fields, a honeypot hidden from people, the 911 note and the privacy link', async () => {
    const page = parse(await (await t.app.request('/en/request')).text());
    expect(page.querySelector('input[type="hidden"][name="form-token"]')?.getAttribute('value')).toMatch(
      /^[\w-]+\.[\w-]+$/,
    );
    expect(page.querySelector('input[type="hidden"][name="idempotency-key"]')?.getAttribute('value')).toMatch(
      /^[\w-]{22}$/,
    );
    expect(page.querySelector('input[type="hidden"][name="altcha"]')).not.toBeNull();
    const honeypot = page.querySelector('input[name="website"]');
    expect(honeypot?.getAttribute('tabindex')).toBe('-1');
    expect(honeypot?.getAttribute('autocomplete')).toBe('off');
    expect(honeypot?.parentNode?.getAttribute('aria-hidden')).toBe('true');
    expect(honeypot?.parentNode?.getAttribute('class')).toBe('hp');
    expect(page.querySelector('main')?.text).toContain(
      'This form is not for emergencies. If you have an emergency, call 911.',
    );
    expect(page.querySelector('[data-field="consent"] a')?.getAttribute('href')).toBe('/en/privacy');
    expect(page.querySelector('link[rel="alternate"][hreflang="es"]')?.getAttribute('href')).toBe(
      'https://clinic.test/es/solicitud',
    );
    // The form's script comes last, so the analytics tracker is listening before it speaks.
    const scripts = page.querySelectorAll('script[src]').map((el) => el.getAttribute('src'));
    expect(scripts).toEqual([
      expect.stringMatching(/^\/assets\/analytics\./),
      expect.stringMatching(/^\/assets\/request-form\./),
    ]);
    // Each visit is its own submission.
    const again = parse(await (await t.app.request('/en/request')).text());
    expect(again.querySelector('[name="idempotency-key"]')?.getAttribute('value')).not.toBe(
      page.querySelector('[name="idempotency-key"]')?.getAttribute('value'),
    );
  });

  it('is in Spanish at /es/solicitud, with required marked in words', async () => {
    const page = parse(await (await t.app.request('/es/solicitud')).text());
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('es');
    expect(page.querySelector('label[for="given-name"]')?.text.trim()).toBe('Nombre (obligatorio)');
    expect(page.querySelector('input[name="language"][checked]')?.getAttribute('value')).toBe('es');
    expect(page.querySelector('main')?.text).toContain('llame al 911');
    expect(page.querySelector('[data-field="consent"] a')?.getAttribute('href')).toBe('/es/privacidad');
  });

  it('is listed in the sitemap in both languages', async () => {
    const sitemap = await (await t.app.request('/sitemap.xml')).text();
    expect(sitemap).toContain('<loc>https://clinic.test/en/request</loc>');
    expect(sitemap).toContain('<loc>https://clinic.test/es/solicitud</loc>');
  });
});
