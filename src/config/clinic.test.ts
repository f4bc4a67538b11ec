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
