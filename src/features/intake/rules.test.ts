import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../../tests/setup/request-form.ts';
import { serverPhoneCheck } from './phone-server.ts';
import { ruleMessage } from '../requests/index.ts';
import { readForm, validateRequest, type RawForm } from './rules.ts';

/** A posted form, as the server reads it from FormData. */
function posted(answers: Record<string, string | string[]>): RawForm {
  const data = new FormData();
  for (const [name, value] of Object.entries(answers)) for (const v of [value].flat()) data.append(name, v);
  return readForm(data);
}
const check = (overrides: Record<string, string | string[]> = {}) =>
  validateRequest(posted(validAnswers(overrides)), serverPhoneCheck);
/** The one error of a field, in both languages. */
function errorOf(field: string, overrides: Record<string, string | string[]>) {
  const result = check(overrides);
  if (result.ok) return null;
  const error = result.errors[field as keyof typeof result.errors];
  return error ? { en: ruleMessage('en', error), es: ruleMessage('es', error) } : null;
}

describe('validateRequest', () => {
  it('accepts a complete form and returns clean fields', () => {
    const result = check({ 'given-name': '  Ana   María ', message: 'Line one\r\nLine two\n' });
    expect(result.ok && result.fields).toMatchObject({
      givenName: 'Ana María',
      tel: '+12135550142',
      painLevel: 7,
      painAreas: ['low-back', 'legs'],
      message: 'Line one\nLine two',
      languageOther: null,
      consent: true,
    });
  });

  it('accepts names with accents, apostrophes, hyphens and other scripts', () => {
    for (const name of [
      'José',
      'Nguyễn Thị',
      "O'Brien",
      'O’Brien',
      'Jean-Luc',
      'St. John',
      'Zoë',
      'Παπαδόπουλος',
      '王',
      'Ñuñez',
    ]) {
      expect(check({ 'family-name': name }).ok, name).toBe(true);
    }
  });

  it('stores names in NFC, however the keyboard composed them', () => {
    const decomposed = 'Jose\u0301'; // e + combining acute accent
    const result = check({ 'given-name': decomposed });
    expect(result.ok && result.fields.givenName).toBe('Jos\u00e9');
  });

  it('refuses digits, symbols and control characters in names, saying what is allowed', () => {
    for (const name of ['Ana2', 'Ana <b>', 'Ana\u0000', 'Ana\u200b', '---', "'"]) {
      expect(errorOf('given-name', { 'given-name': name }), JSON.stringify(name)).toEqual({
        en: 'First name can only have letters, spaces, hyphens (-) and apostrophes (’)',
        es: 'El nombre solo puede tener letras, espacios, guiones (-) y apóstrofos (’)',
      });
    }
    expect(errorOf('family-name', { 'family-name': '' })).toEqual({
      en: 'Enter your last name',
      es: 'Escriba su apellido',
    });
    expect(errorOf('family-name', { 'family-name': 'a'.repeat(61) })?.en).toBe(
      'Last name must be 60 characters or fewer',
    );
    expect(check({ 'family-name': 'é'.repeat(60) }).ok).toBe(true);
  });

  it('normalises phone numbers to E.164 and explains a wrong one with an example', () => {
    for (const typed of [
      '213 555 0142',
      '(213) 555-0142',
      '213.555.0142',
      '+1 213 555 0142',
      '1-213-555-0142',
    ]) {
      const result = check({ tel: typed });
      expect(result.ok && result.fields.tel, typed).toBe('+12135550142');
    }
    const mexico = check({ tel: '+52 55 1234 5678' });
    expect(mexico.ok && mexico.fields.tel).toBe('+525512345678');
    for (const typed of [
      '555 0142',
      '123 456 7890',
      '213 555 01423',
      'call me',
      '213 555 0142 ext 5',
      '+'.padEnd(31, '1'),
    ]) {
      expect(errorOf('tel', { tel: typed }), typed).toEqual({
        en: 'Enter a 10-digit phone number, like 213 555 0142',
        es: 'Escriba un número de teléfono de 10 dígitos, como 213 555 0142',
      });
    }
  });

  it('needs a phone number or an e-mail address, and the one the chosen method uses', () => {
    expect(errorOf('tel', { tel: '', email: '' })?.en).toBe(
      'Enter a phone number or an e-mail address, so we can reach you',
    );
    expect(errorOf('tel', { tel: '', 'contact-method': 'text' })?.en).toBe(
      'Enter a phone number, or choose e-mail as the way to contact you',
    );
    expect(errorOf('email', { email: '', 'contact-method': 'email' })?.es).toBe(
      'Escriba su correo electrónico o elija una llamada o un mensaje de texto',
    );
    expect(check({ tel: '', 'contact-method': 'email' }).ok).toBe(true);
    expect(check({ email: '' }).ok).toBe(true);
  });

  it('checks the e-mail address shape', () => {
    for (const email of [
      'ana@',
      'ana',
      'ana@example',
      'ana @example.com',
      'ana@example..com',
      'a\u0001@example.com',
    ]) {
      expect(errorOf('email', { email })?.en, email).toBe('Enter an e-mail address like name@example.com');
    }
    expect(check({ email: 'ana.maría+clinic@correo.example.mx' }).ok).toBe(true);
  });

  it('needs each required choice, and only offered values', () => {
    const cases: [string, Record<string, string | string[]>, string, string][] = [
      [
        'contact-method',
        { 'contact-method': 'fax' },
        'Choose how you would like us to contact you',
        'Elija cómo prefiere que nos comuniquemos con usted',
      ],
      [
        'best-time',
        { 'best-time': '' },
        'Choose the best time to reach you',
        'Elija el mejor horario para comunicarnos con usted',
      ],
      ['language', { language: 'fr' }, 'Choose the language you prefer', 'Elija el idioma que prefiere'],
      [
        'pain-area',
        { 'pain-area': [] },
        'Choose where you have pain. You can choose more than one',
        'Elija dónde tiene dolor. Puede elegir más de una opción',
      ],
      [
        'pain-area',
        { 'pain-area': ['neck', 'tail'] },
        'Choose where you have pain. You can choose more than one',
        'Elija dónde tiene dolor. Puede elegir más de una opción',
      ],
      [
        'pain-duration',
        { 'pain-duration': 'forever' },
        'Choose how long you have had this pain',
        'Elija cuánto tiempo lleva con este dolor',
      ],
      [
        'pain-level',
        { 'pain-level': '11' },
        'Choose a number from 0 to 10 for your pain today',
        'Elija un número del 0 al 10 para su dolor de hoy',
      ],
      [
        'pain-level',
        { 'pain-level': '' },
        'Choose a number from 0 to 10 for your pain today',
        'Elija un número del 0 al 10 para su dolor de hoy',
      ],
      [
        'treatments',
        { treatments: ['magic'] },
        'Choose only treatments from the list',
        'Elija solo tratamientos de la lista',
      ],
      [
        'insurance',
        { insurance: 'gold' },
        'Choose an insurance type from the list',
        'Elija un tipo de seguro de la lista',
      ],
      [
        'consent',
        { consent: '' },
        'Check the box to let us contact you about your request',
        'Marque la casilla para permitir que le contactemos sobre su solicitud',
      ],
      [
        'consent',
        { consent: 'on' },
        'Check the box to let us contact you about your request',
        'Marque la casilla para permitir que le contactemos sobre su solicitud',
      ],
    ];
    for (const [field, overrides, en, es] of cases)
      expect(errorOf(field, overrides), JSON.stringify(overrides)).toEqual({ en, es });
    const optional = check({
      treatments: [],
      insurance: '',
      message: '',
      'heard-from': '',
      'pain-level': '0',
    });
    expect(
      optional.ok && [
        optional.fields.treatments,
        optional.fields.insurance,
        optional.fields.heardFrom,
        optional.fields.painLevel,
      ],
    ).toEqual([[], null, null, 0]);
  });

  it('needs the other language named when "another language" is chosen', () => {
    expect(errorOf('language-other', { language: 'other', 'language-other': ' ' })).toEqual({
      en: 'Tell us which language you prefer',
      es: 'Díganos qué idioma prefiere',
    });
    expect(errorOf('language-other', { 'language-other': 'x'.repeat(41) })?.en).toBe(
      'Language must be 40 characters or fewer',
    );
    const other = check({ language: 'other', 'language-other': 'Chinese (Mandarin)' });
    expect(other.ok && other.fields.languageOther).toBe('Chinese (Mandarin)');
  });

  it('takes a 5-digit ZIP code or ZIP+4', () => {
    for (const zip of ['90017', '90017-1234', ' 90017 '])
      expect(check({ 'postal-code': zip }).ok, zip).toBe(true);
    for (const zip of ['9001', '900170', 'ABCDE', '90017 1234']) {
      expect(errorOf('postal-code', { 'postal-code': zip }), zip).toEqual({
        en: 'Enter a 5-digit ZIP code, like 90017',
        es: 'Escriba un código postal (ZIP) de 5 dígitos, como 90017',
      });
    }
    expect(errorOf('postal-code', { 'postal-code': '' })?.en).toBe('Enter your ZIP code');
  });

  it('bounds the message at 2,000 characters, counting as people do, and quotes the length', () => {
    expect(check({ message: '😀'.repeat(2000) }).ok).toBe(true);
    expect(errorOf('message', { message: 'a'.repeat(2345) })).toEqual({
      en: 'Your message has 2,345 characters. Shorten it to 2,000 or fewer',
      es: 'Su mensaje tiene 2345 caracteres. Acórtelo a 2000 o menos',
    });
  });

  it('keeps line breaks and tabs in the message but refuses other control characters', () => {
    expect(check({ message: 'one\n\ttwo' }).ok).toBe(true);
    for (const message of ['bell\u0007', 'esc\u001b[31m', 'nul\u0000', 'rtl\u202eoverride', 'c1\u0085']) {
      expect(errorOf('message', { message })?.en, JSON.stringify(message)).toBe(
        'Your message has hidden special characters. Please retype it',
      );
    }
    expect(errorOf('heard-from', { 'heard-from': 'radio\tad' })?.en).toBe(
      'This has hidden special characters. Please retype it',
    );
    expect(errorOf('heard-from', { 'heard-from': 'r'.repeat(101) })?.en).toBe(
      'Keep this to 100 characters or fewer',
    );
  });
});
