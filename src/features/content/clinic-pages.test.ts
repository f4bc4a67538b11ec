import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { loadClinic } from '../../config/clinic.ts';
import { CONTENT_DIR, loadContent } from './content-index.ts';
import { buildPublicSite } from './public-site.tsx';

const vars = { clinicName: 'Test Clinic', phoneDisplay: '(213) 555-0142', phoneE164: '+12135550142' };
const site = await buildPublicSite({ clinic: loadClinic('clinic.config.json'), siteUrl: 'https://clinic.test' });
const html = (path: string) => {
  const body = site.responses.get(path)?.bodies.identity;
  if (!body) throw new Error(`no page at ${path}`);
  return parse(Buffer.from(body).toString());
};
const jsonLd = (path: string) =>
  JSON.parse(html(path).querySelector('script[type="application/ld+json"]')?.text ?? '{}') as { '@graph': Record<string, unknown>[] };
const typesOf = (node: Record<string, unknown>) => [node['@type']].flat();

describe('the shared "when to call" passage', () => {
  const passage = {
    en: ['A fever of 100.4 °F (38 °C) or higher.', 'Numbness in your groin.', 'Trouble breathing.', 'Call 911 or go to the nearest emergency room'],
    es: ['Fiebre de 100.4 °F (38 °C) o más.', 'Adormecimiento en la ingle.', 'Le cuesta respirar.', 'Llame al 911 o vaya a la sala de emergencias más cercana'],
  };

  it.each([
    ['en', ['/en/procedure-day', '/en/recovery-and-results', '/en/care-at-home']],
    ['es', ['/es/dia-del-procedimiento', '/es/recuperacion-y-resultados', '/es/cuidados-en-casa']],
  ] as const)('is one text, included on the procedure, recovery and care-at-home pages (%s)', (locale, paths) => {
    const shared = site.content.partial(locale, 'when-to-call');
    for (const line of passage[locale]) expect(shared).toContain(line);
    for (const path of paths) expect(html(path).querySelector('article')?.innerHTML, path).toContain(shared);
    // Every sign the research lists, in one place.
    expect(parse(shared).querySelectorAll('li')).toHaveLength(10);
  });

  it('stops loading when a page includes a passage that is missing, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'content-partial-'));
    cpSync(CONTENT_DIR, dir, { recursive: true });
    rmSync(join(dir, 'es', 'partials', 'when-to-call.md'));
    expect(() => loadContent(vars, dir)).toThrow(/es\/[a-z-]+\.md: includes "when-to-call", but .*es\/partials\/when-to-call\.md is missing/);
  });

  it('stops loading at an unknown config block, naming the known ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'content-block-'));
    cpSync(CONTENT_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'en', 'partials', 'when-to-call.md'), '{{block doctors}}\n');
    expect(() => loadContent(vars, dir)).toThrow(/unknown block "doctors" \(known: physicians, location, insurance\)/);
  });
});

describe('pages built from the clinic config', () => {
  it('presents each physician with credentials, board certification, bio and a sized photo, with Physician data', () => {
    for (const [path, locale] of [
      ['/en/our-physicians', 'en'],
      ['/es/nuestros-medicos', 'es'],
    ] as const) {
      const doc = html(path);
      const card = doc.querySelector('.physician');
      expect(card?.querySelector('h2')?.text).toBe('Dr. Alex Example, MD');
      const physician = site.site.clinic.physicians[0];
      expect(card?.text).toContain(physician?.boardCertification[locale]);
      expect(card?.text).toContain(physician?.bio[locale]);
      const img = card?.querySelector('img');
      expect(img?.getAttribute('src')).toMatch(/^\/assets\/example-physician\.[0-9a-f]{12}\.svg$/);
      expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['240', '300']);
      const graph = jsonLd(path)['@graph'];
      const doctor = graph.find((n) => typesOf(n).includes('Physician'));
      expect(doctor).toMatchObject({
        name: 'Dr. Alex Example, MD',
        description: physician?.bio[locale],
        practicesAt: { '@id': 'https://clinic.test/#clinic' },
        image: expect.stringMatching(/^https:\/\/clinic\.test\/assets\/example-physician\./),
      });
      const clinic = graph.find((n) => typesOf(n).includes('MedicalClinic'));
      expect(clinic).toMatchObject({ availableLanguage: ['en', 'es'], employee: [{ '@id': doctor?.['@id'] }] });
      expect(clinic?.logo).toMatch(/^https:\/\/clinic\.test\/assets\/example-logo\./);
    }
  });

  it('gives the address, hours, directions, parking, transit, access and staff languages', () => {
    const en = html('/en/location-and-hours').querySelector('article')?.text ?? '';
    const { location } = site.site.clinic;
    for (const text of [
      '1000 Example Boulevard, Suite 200',
      'Monday–Friday, 8:00 AM–5:00 PM',
      location.directions.en,
      location.parking.en,
      location.transit.en,
      location.accessibility.en,
      'Our staff speak English and Spanish.',
    ])
      expect(en).toContain(text);
    const es = html('/es/direccion-y-horario').querySelector('article')?.text ?? '';
    expect(es).toContain('Lunes a viernes');
    expect(es).toContain(location.parking.es);
    expect(es).toContain('Nuestro personal habla inglés y español.');
  });

  it('lists the accepted insurance and the cost note in each language', () => {
    const en = html('/en/insurance-and-cost').querySelectorAll('.insurance li').map((li) => li.text);
    expect(en).toEqual(['Medicare', "Workers' compensation", 'Example Health Plan PPO']);
    const es = html('/es/seguro-y-costo');
    expect(es.querySelectorAll('.insurance li').map((li) => li.text)).toContain('Compensación de trabajadores');
    expect(es.querySelector('.insurance')?.text).toContain(site.site.clinic.costNote.es);
    expect(es.querySelector('article')?.text).toContain('CPT 62264');
  });

  it('lists the clinic pages in the menu’s second part, after the treatment pages', () => {
    expect(site.site.clinicNav.en.map((i) => i.href)).toEqual(['/en/our-physicians', '/en/location-and-hours', '/en/insurance-and-cost']);
    expect(site.site.nav.es.map((i) => i.label)).toContain('Cómo prepararse');
    expect(site.site.nav.en.map((i) => i.label)).toEqual([
      'Neuroplasty',
      'Conditions treated',
      'Is it right for me?',
      'How it works',
      'Getting ready',
      'Procedure day',
      'Care at home',
      'Recovery and results',
      'Risks and benefits',
      'Other treatments',
      'Questions (FAQ)',
    ]);
  });
});
