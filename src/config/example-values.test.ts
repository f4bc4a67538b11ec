import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClinic, type Clinic } from './clinic.ts';
import { exampleValuesIn } from './example-values.ts';

const shipped = parseClinic(readFileSync('clinic.config.json', 'utf8'), 'clinic.config.json');

describe('exampleValuesIn', () => {
  it('finds every example value of the shipped config', () => {
    expect(exampleValuesIn(shipped)).toEqual([
      'the phone (+12135550142) is a 555 number',
      'the address says "Example"',
      'the logo is the example file (example-logo.svg)',
      'a physician is "Dr. Alex Example"',
      "Dr. Alex Example's photo is the example placeholder",
      "Dr. Alex Example's bio or board certification is example text",
      'the medical reviewer is "Dr. Alex Example"',
      "the location's directions is example text",
      "the location's parking is example text",
      "the location's transit is example text",
      "the location's accessibility is example text",
      'the accepted insurance lists "Example Health Plan PPO"',
      'the cost note is example text',
    ]);
  });

  it('finds nothing once the real details are in', () => {
    const text = (en: string, es: string) => ({ en, es });
    const real: Clinic = {
      ...shipped,
      phone: '+12135551234',
      address: { ...shipped.address, street: '1200 Wilshire Boulevard, Suite 300' },
      logo: '/srv/clinic/logo.svg',
      physicians: [
        {
          name: 'Dr. Maria Lopez',
          credentials: 'MD',
          boardCertification: text('Board certified in pain medicine', 'Certificada en medicina del dolor'),
          bio: text(
            'Dr. Lopez has treated back pain for 15 years.',
            'La Dra. López trata el dolor de espalda desde hace 15 años.',
          ),
          photo: '/srv/clinic/dr-lopez.webp',
        },
      ],
      medicalReviewer: { name: 'Dr. Maria Lopez', credentials: 'MD' },
      location: {
        directions: text(
          'Second floor, corner of Wilshire and Grand.',
          'Segundo piso, esquina de Wilshire y Grand.',
        ),
        parking: text('Garage on Grand Avenue.', 'Garaje en Grand Avenue.'),
        transit: text('Metro 7th St station, 5 minutes on foot.', 'Estación 7th St, a 5 minutos a pie.'),
        accessibility: text('Step-free entrance and elevator.', 'Entrada sin escalones y elevador.'),
      },
      acceptedInsurance: ['Medicare', 'Blue Shield PPO'],
      costNote: text(
        'We check your benefits before your first visit.',
        'Revisamos sus beneficios antes de su primera visita.',
      ),
    };
    expect(exampleValuesIn(real)).toEqual([]);
  });
});
