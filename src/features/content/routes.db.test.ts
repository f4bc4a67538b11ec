import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from './index.ts';
import { createTestApp, TEST_SITE_URL, type TestApp } from '../../../tests/setup/test-app.ts';

let t: TestApp;
let paths: string[];
const pages = new Map<string, { html: HTMLElement; res: Response; text: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const sitemap = await (await t.app.request('/sitemap.xml')).text();
  paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(TEST_SITE_URL, ''));
  // The content pages: the request form and the self-check have their own tests.
  const ownTests = /request|solicitud|self-check|autoevaluacion/;
  for (const path of paths.filter((p) => !ownTests.test(p))) {
    const res = await t.app.request(path);
    const text = await res.text();
    pages.set(path, { res, text, html: parse(text) });
  }
});
afterAll(() => t.close());

const meta = (html: HTMLElement, selector: string, attr = 'content') => html.querySelector(selector)?.getAttribute(attr);

describe('every public page', () => {
  it('exists in both languages, one page per content file', () => {
    const files = readdirSync(join(CONTENT_DIR, 'en')).filter((f) => f.endsWith('.md')).length;
    expect(files).toBeGreaterThanOrEqual(11);
    expect([...pages.keys()].filter((p) => p.startsWith('/en/'))).toHaveLength(files);
    expect([...pages.keys()].filter((p) => p.startsWith('/es/'))).toHaveLength(files);
  });

  it('answers 200 HTML with one h1, its language, the clinic and the review line', () => {
    for (const [path, { res, html }] of pages) {
      const locale = path.slice(1, 3);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html.querySelectorAll('h1'), path).toHaveLength(1);
      expect(html.querySelector('html')?.getAttribute('lang')).toBe(locale);
      const text = html.querySelector('body')?.text ?? '';
      expect(text).toContain('Los Angeles Neuroplasty Center');
      expect(text).toContain('1000 Example Boulevard, Suite 200');
      expect(text).toContain('(213) 555-0142');
      expect(html.querySelector('a[href="tel:+12135550142"]'), path).not.toBeNull();
      expect(text).toMatch(locale === 'en' ? /Medically reviewed by Dr\. Alex Example, MD on \w+ \d+, 2026/ : /Revisado por el Dr\. Alex Example, MD el \d+ de \w+ de 2026/);
      expect(text).toMatch(locale === 'en' ? /Last updated \w+ \d+, 2026/ : /Última actualización: \d+ de \w+ de 2026/);
      expect(html.querySelector(`main a[href="/${locale}/${locale === 'en' ? 'request' : 'solicitud'}"]`), path).not.toBeNull();
      expect(html.querySelectorAll('header, nav, main, footer').length).toBeGreaterThanOrEqual(4);
      expect(html.querySelector('a.skip[href="#main"]')).not.toBeNull();
    }
  });

  it('links to its twin in the other language, with canonical and hreflang alternates', () => {
    for (const [path, { html }] of pages) {
      const locale = path.slice(1, 3);
      const other = locale === 'en' ? 'es' : 'en';
      const twin = meta(html, `link[rel="alternate"][hreflang="${other}"]`, 'href')?.replace(TEST_SITE_URL, '') ?? '';
      expect(pages.has(twin), `${path} → ${twin}`).toBe(true);
      const link = html.querySelector(`header a[href="${twin}"][hreflang="${other}"]`);
      // The link is written in the language it leads to.
      expect(link?.text.trim(), path).toBe(locale === 'en' ? 'Leer en español' : 'Read in English');
      expect(link?.getAttribute('lang'), path).toBe(other);
      expect(meta(pages.get(twin)?.html as HTMLElement, `link[rel="alternate"][hreflang="${locale}"]`, 'href')).toBe(TEST_SITE_URL + path);
      expect(meta(html, 'link[rel="canonical"]', 'href')).toBe(TEST_SITE_URL + path);
      const english = locale === 'en' ? path : twin;
      expect(meta(html, 'link[rel="alternate"][hreflang="x-default"]', 'href')).toBe(TEST_SITE_URL + english);
    }
  });

  it('has a unique title and description, and Open Graph tags', () => {
    const titles = new Set<string>();
    const descriptions = new Set<string>();
    for (const [path, { html }] of pages) {
      const title = html.querySelector('title')?.text ?? '';
      const description = meta(html, 'meta[name="description"]') ?? '';
      expect(description.length, path).toBeGreaterThanOrEqual(70);
      titles.add(title);
      descriptions.add(description);
      expect(meta(html, 'meta[property="og:url"]')).toBe(TEST_SITE_URL + path);
      expect(meta(html, 'meta[property="og:title"]')).toBeTruthy();
      expect(meta(html, 'meta[property="og:description"]')).toBe(description);
      expect(meta(html, 'meta[property="og:locale"]')).toBe(path.startsWith('/en/') ? 'en_US' : 'es_US');
    }
    expect(titles.size).toBe(pages.size);
    expect(descriptions.size).toBe(pages.size);
  });

  it('every page in the sitemap, the request form included, has one JSON-LD block naming the clinic and the page', async () => {
    expect(paths).toEqual(expect.arrayContaining(['/en/request', '/es/solicitud']));
    for (const path of paths) {
      const html = parse(await (await t.app.request(path)).text());
      const blocks = html.querySelectorAll('script[type="application/ld+json"]');
      expect(blocks, path).toHaveLength(1);
      const graph = (JSON.parse(blocks[0]?.textContent ?? '{}') as { '@graph'?: Record<string, unknown>[] })['@graph'] ?? [];
      expect(graph.find((n) => n['@type'] === 'MedicalClinic'), path).toMatchObject({ name: 'Los Angeles Neuroplasty Center' });
      const page = graph.find((n) => n.url === TEST_SITE_URL + path);
      expect(page, path).toMatchObject({ inLanguage: path.startsWith('/en/') ? 'en-US' : 'es-US' });
      expect(page?.name, path).toBe(html.querySelector('title')?.text.split(' | ')[0]?.trim());
    }
  });

  it('describes itself in JSON-LD: MedicalWebPage, MedicalClinic, MedicalProcedure and FAQPage', () => {
    for (const [path, { html }] of pages) {
      const blocks = html.querySelectorAll('script[type="application/ld+json"]');
      expect(blocks, path).toHaveLength(1);
      const data = JSON.parse(blocks[0]?.textContent ?? '') as { '@context': string; '@graph': Record<string, unknown>[] };
      expect(data['@context']).toBe('https://schema.org');
      const ofType = (type: string) => data['@graph'].find((n) => [n['@type']].flat().includes(type));
      const page = ofType('MedicalWebPage');
      expect(page, path).toMatchObject({
        url: TEST_SITE_URL + path,
        inLanguage: path.startsWith('/en/') ? 'en-US' : 'es-US',
        lastReviewed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        reviewedBy: { '@type': 'Person', name: 'Dr. Alex Example' },
        about: expect.any(Object),
      });
      const clinic = ofType('MedicalClinic');
      expect(clinic).toMatchObject({
        name: 'Los Angeles Neuroplasty Center',
        telephone: '+12135550142',
        address: { '@type': 'PostalAddress', addressLocality: 'Los Angeles', addressRegion: 'CA', postalCode: '90017' },
      });
      expect((clinic?.openingHoursSpecification as unknown[]).length).toBeGreaterThan(0);
      const about = page?.about as { '@id'?: string };
      if (about['@id']) expect(data['@graph'].some((n) => n['@id'] === about['@id']), `${path} about resolves`).toBe(true);
    }
    const procedurePages = ['/en/', '/en/how-it-works', '/en/procedure-day', '/es/como-funciona'];
    for (const path of procedurePages) expect(pages.get(path)?.text).toContain('"@type":"MedicalProcedure"');
    for (const path of ['/en/faq', '/es/preguntas-frecuentes']) {
      const data = JSON.parse(pages.get(path)?.html.querySelector('script[type="application/ld+json"]')?.textContent ?? '');
      const faq = data['@graph'].find((n: { '@type': unknown }) => [n['@type']].flat().includes('FAQPage'));
      expect(faq.mainEntity.length).toBeGreaterThanOrEqual(10);
      expect(faq.mainEntity[0]).toMatchObject({ '@type': 'Question', acceptedAnswer: { '@type': 'Answer', text: expect.any(String) } });
    }
  });

  it('shows its sources as references', () => {
    const risks = pages.get('/en/risks-and-benefits')?.html;
    const refs = risks?.querySelectorAll('section.refs li a[href^="https://doi.org/"]') ?? [];
    expect(refs.length).toBeGreaterThan(0);
  });
});

describe('size, caching and compression', () => {
  it('keeps every page, with its CSS and scripts, under 30 KB compressed', async () => {
    const bytes = async (path: string, encoding: string) => {
      const res = await t.app.request(path, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding'), path).toBe(encoding);
      return (await res.arrayBuffer()).byteLength;
    };
    for (const [path, { html }] of pages) {
      const assets = [
        ...html.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute('href') as string),
        ...html.querySelectorAll('script[src]').map((s) => s.getAttribute('src') as string),
      ];
      for (const encoding of ['br', 'gzip']) {
        let total = await bytes(path, encoding);
        for (const asset of assets) total += await bytes(asset, encoding);
        expect(total, `${path} (${encoding})`).toBeLessThanOrEqual(30 * 1024);
      }
    }
  });

  it('answers 304 to a matching ETag and serves identity when compression is refused', async () => {
    const first = await t.app.request('/en/faq', { headers: { 'accept-encoding': 'gzip' } });
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await t.app.request('/en/faq', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const plain = await t.app.request('/en/faq', { headers: { 'accept-encoding': 'identity, br;q=0' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('<h1>');
  });

  it('serves assets with content-hashed names and immutable caching', async () => {
    const href = pages.get('/en/')?.html.querySelector('link[rel="stylesheet"]')?.getAttribute('href') as string;
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const res = await t.app.request(href);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toContain('text/css');
    expect((await t.app.request('/assets/site.000000000000.css')).status).toBe(404);
  });
});

describe('headers on every response', () => {
  it('sends a strict policy and no cookie, on pages, assets, redirects, errors and health checks', async () => {
    for (const path of ['/en/', '/es/faq-nope', '/', '/robots.txt', '/healthz', '/sitemap.xml', '/en']) {
      const res = await t.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc.trim(), path).toBe("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('set-cookie'), path).toBeNull();
    }
  });
});

describe('routing', () => {
  it('sends / to the language the browser prefers', async () => {
    const es = await t.app.request('/', { headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect(es.status).toBe(302);
    expect(es.headers.get('location')).toBe('/es/');
    expect(es.headers.get('vary')).toContain('Accept-Language');
    expect((await t.app.request('/')).headers.get('location')).toBe('/en/');
  });

  it('has one address per page: trailing slashes are redirected', async () => {
    expect((await t.app.request('/es')).headers.get('location')).toBe('/es/');
    const res = await t.app.request('/en/faq/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/en/faq');
  });

  it('answers an unknown page with a 404 page in the path’s language', async () => {
    const es = await t.app.request('/es/no-existe');
    expect(es.status).toBe(404);
    const html = parse(await es.text());
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('es');
    expect(html.querySelector('h1')?.text).toBe('No encontramos la página');
    expect(html.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    const en = await t.app.request('/nothing-here', { headers: { 'accept-language': 'en-US' } });
    expect(parse(await en.text()).querySelector('h1')?.text).toBe('Page not found');
  });

  it('lists every page with its alternates in the sitemap, and robots.txt points to it', async () => {
    const xml = await (await t.app.request('/sitemap.xml')).text();
    expect(xml.match(/<url>/g)?.length).toBe(paths.length);
    for (const path of pages.keys()) expect(xml).toContain(`<loc>${TEST_SITE_URL}${path}</loc>`);
    expect(xml.match(/hreflang="x-default"/g)?.length).toBe(paths.length);
    const robots = await (await t.app.request('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${TEST_SITE_URL}/sitemap.xml`);
    expect(robots).toContain('Disallow: /staff/');
  });
});

describe('health and logs', () => {
  it('reports liveness and database readiness', async () => {
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(await (await t.app.request('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('logs one JSON line per request with a request id, and never the query string', async () => {
    const res = await t.app.request('/en/faq?given-name=Zelda-Marker-41&tel=2135550199');
    const id = res.headers.get('x-request-id');
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.reqId === id);
    expect(line).toMatchObject({ method: 'GET', path: '/en/faq', status: 200, msg: 'request' });
    expect(t.logs.join('\n')).not.toContain('Zelda-Marker-41');
    expect(t.logs.join('\n')).not.toContain('2135550199');
  });
});
