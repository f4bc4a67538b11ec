import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPhone, parseClinic } from './clinic.ts';

const example = readFileSync('clinic.config.json', 'utf8');

describe('clinic config', () => {
  it('accepts the example config shipped in the repository', () => {
    const clinic = parseClinic(example, 'clinic.config.json');
    expect(clinic.address.city).toBe('Los Angeles');
    expect(formatPhone(clinic.phone)).toBe('(213) 555-0142');
  });

  it('names the field, the problem and the file', () => {
    const bad = { ...JSON.parse(example), phone: '555-0142', timeZone: 'Mars/Olympus' };
    const attempt = () => parseClinic(JSON.stringify(bad), 'my-clinic.json');
    expect(attempt).toThrow(/Invalid clinic config my-clinic.json/);
    expect(attempt).toThrow(/phone: use E\.164 with country code, like "\+12135550142"/);
    expect(attempt).toThrow(/timeZone: use an IANA time zone/);
  });

  it('refuses hours that close before they open, and broken JSON', () => {
    const bad = { ...JSON.parse(example), hours: [{ days: ['Monday'], opens: '17:00', closes: '08:00' }] };
    expect(() => parseClinic(JSON.stringify(bad), 'c.json')).toThrow(/"opens" must be before its "closes"/);
    expect(() => parseClinic('{ nope', 'c.json')).toThrow(/not valid JSON/);
  });
});

describe('the clinic face in the config', () => {
  const base = JSON.parse(example) as Record<string, unknown>;

  it('stops at a brand colour that white text cannot be read on, with the ratio and an example', () => {
    const attempt = () => parseClinic(JSON.stringify({ ...base, brandColor: '#f5c400' }), 'c.json');
    expect(attempt).toThrow(/brandColor: #f5c400 has a contrast of 1\.\d\d:1 .* at least 4\.5:1 \(WCAG AA\)/);
    expect(attempt).toThrow(/like "#0a4d8c"/);
  });

  it('asks for an SVG logo, modern photo formats and known language codes', () => {
    const physicians = base.physicians as Record<string, unknown>[];
    const bad = {
      ...base,
      logo: 'logo.png',
      physicians: [{ ...physicians[0], photo: 'dr.jpg' }],
      staffLanguages: ['en', 'xx'],
    };
    const attempt = () => parseClinic(JSON.stringify(bad), 'c.json');
    expect(attempt).toThrow(/logo: use a \.svg file beside the config/);
    expect(attempt).toThrow(/physicians\.0\.photo: use a \.svg, \.webp, \.avif file/);
    expect(attempt).toThrow(/staffLanguages\.1: not a known language code/);
  });

  it('needs both languages of every text a patient reads', () => {
    const bad = { ...base, costNote: { en: 'We check your benefits before your first visit, every time.' } };
    expect(() => parseClinic(JSON.stringify(bad), 'c.json')).toThrow(/costNote\.es:/);
  });

  it('reads image paths relative to the config file', () => {
    const clinic = parseClinic(example, '/srv/clinic/clinic.config.json');
    expect(clinic.logo).toBe('/srv/clinic/clinic-files/example-logo.svg');
    expect(clinic.physicians[0]?.photo).toBe('/srv/clinic/clinic-files/example-physician.svg');
  });
});
