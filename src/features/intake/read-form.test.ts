import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../../tests/setup/request-form.ts';
import { litePhoneCheck } from './phone-lite.ts';
import { serverPhoneCheck } from './phone-server.ts';
import { emptyForm, errorsInOrder, readForm, validateRequest, type RawForm } from './rules.ts';

/** A posted form, as the server reads it from FormData. */
function posted(answers: Record<string, string | string[]>): RawForm {
  const data = new FormData();
  for (const [name, value] of Object.entries(answers)) for (const v of [value].flat()) data.append(name, v);
  return readForm(data);
}

describe('readForm and the shared rules', () => {
  it('lists errors in page order and reads only text from a crafted post', () => {
    const data = new FormData();
    data.append('given-name', new Blob(['x']), 'file.txt');
    data.append('given-name', 'second value');
    data.append('pain-area', 'neck');
    data.append('pain-area', 'neck');
    const form = readForm(data);
    expect(form['given-name']).toBe('second value');
    expect(form['pain-area']).toEqual(['neck']);
    const result = validateRequest(emptyForm('en'), serverPhoneCheck);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(errorsInOrder(result.errors).map((e) => e.field)).toEqual([
        'given-name',
        'family-name',
        'postal-code',
        'tel',
        'contact-method',
        'pain-area',
        'pain-duration',
        'pain-level',
        'consent',
      ]);
    }
  });

  it('gives the same errors in the browser (small phone check) as on the server', () => {
    const samples: RawForm[] = [
      posted(validAnswers()),
      posted(validAnswers({ tel: '555 0142', email: '' })),
      posted(validAnswers({ tel: '+1 (213) 555-0142', 'contact-method': 'text' })),
      emptyForm('es'),
    ];
    for (const raw of samples) {
      expect(validateRequest(raw, litePhoneCheck)).toEqual(validateRequest(raw, serverPhoneCheck));
    }
  });
});
