import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClinic } from './clinic.ts';
import { exampleValuesIn } from './example-values.ts';

const shipped = parseClinic(readFileSync('clinic.config.json', 'utf8'), 'clinic.config.json');

describe('exampleValuesIn', () => {
  it('finds every example value of the shipped config', () => {
    expect(exampleValuesIn(shipped)).toEqual([
      'the phone (+12135550142) is a 555 number',
      'the address says "Example"',
      'a physician is "Dr. Alex Example"',
      'the medical reviewer is "Dr. Alex Example"',
    ]);
  });

  it('finds nothing once the real details are in', () => {
    const real = {
      ...shipped,
      phone: '+12135551234',
      address: { ...shipped.address, street: '1200 Wilshire Boulevard, Suite 300' },
      physicians: [{ name: 'Dr. Maria Lopez', credentials: 'MD' }],
      medicalReviewer: { name: 'Dr. Maria Lopez', credentials: 'MD' },
    };
    expect(exampleValuesIn(real)).toEqual([]);
  });
});
