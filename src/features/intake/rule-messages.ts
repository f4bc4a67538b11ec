import type { Locale } from '../../i18n/locales.ts';

/**
 * What each broken rule says, in both languages: short, specific, and telling the person what to
 * do. Shared by the server (after a post) and the browser script (inline), so they always match.
 */
const en = {
  'given-name.required': 'Enter your first name',
  'given-name.chars': 'First name can only have letters, spaces, hyphens (-) and apostrophes (’)',
  'given-name.long': 'First name must be 60 characters or fewer',
  'family-name.required': 'Enter your last name',
  'family-name.chars': 'Last name can only have letters, spaces, hyphens (-) and apostrophes (’)',
  'family-name.long': 'Last name must be 60 characters or fewer',
  'tel.invalid': 'Enter a 10-digit phone number, like 213 555 0142',
  'tel.missing': 'Enter a phone number or an e-mail address, so we can reach you',
  'tel.needed': 'Enter a phone number, or choose e-mail as the way to contact you',
  'email.invalid': 'Enter an e-mail address like name@example.com',
  'email.needed': 'Enter your e-mail address, or choose a phone call or text message',
  'contact-method.required': 'Choose how you would like us to contact you',
  'best-time.required': 'Choose the best time to reach you',
  'language.required': 'Choose the language you prefer',
  'language-other.required': 'Tell us which language you prefer',
  'language-other.chars': 'This has hidden special characters. Please retype it',
  'language-other.long': 'Language must be 40 characters or fewer',
  'postal-code.required': 'Enter your ZIP code',
  'postal-code.invalid': 'Enter a 5-digit ZIP code, like 90017',
  'pain-area.required': 'Choose where you have pain. You can choose more than one',
  'pain-duration.required': 'Choose how long you have had this pain',
  'pain-level.required': 'Choose a number from 0 to 10 for your pain today',
  'treatments.invalid': 'Choose only treatments from the list',
  'insurance.invalid': 'Choose an insurance type from the list',
  'message.long': (n: number) =>
    `Your message has ${n.toLocaleString('en-US')} characters. Shorten it to 2,000 or fewer`,
  'message.chars': 'Your message has hidden special characters. Please retype it',
  'heard-from.long': 'Keep this to 100 characters or fewer',
  'heard-from.chars': 'This has hidden special characters. Please retype it',
  'consent.required': 'Check the box to let us contact you about your request',
};

export type MessageKey = keyof typeof en;
type Messages = { [K in MessageKey]: (typeof en)[K] };

const es: Messages = {
  'given-name.required': 'Escriba su nombre',
  'given-name.chars': 'El nombre solo puede tener letras, espacios, guiones (-) y apóstrofos (’)',
  'given-name.long': 'El nombre debe tener 60 caracteres o menos',
  'family-name.required': 'Escriba su apellido',
  'family-name.chars': 'El apellido solo puede tener letras, espacios, guiones (-) y apóstrofos (’)',
  'family-name.long': 'El apellido debe tener 60 caracteres o menos',
  'tel.invalid': 'Escriba un número de teléfono de 10 dígitos, como 213 555 0142',
  'tel.missing': 'Escriba un teléfono o un correo electrónico para poder comunicarnos con usted',
  'tel.needed': 'Escriba un número de teléfono o elija el correo electrónico para contactarle',
  'email.invalid': 'Escriba un correo electrónico como nombre@ejemplo.com',
  'email.needed': 'Escriba su correo electrónico o elija una llamada o un mensaje de texto',
  'contact-method.required': 'Elija cómo prefiere que nos comuniquemos con usted',
  'best-time.required': 'Elija el mejor horario para comunicarnos con usted',
  'language.required': 'Elija el idioma que prefiere',
  'language-other.required': 'Díganos qué idioma prefiere',
  'language-other.chars': 'Esto tiene caracteres especiales ocultos. Vuelva a escribirlo',
  'language-other.long': 'El idioma debe tener 40 caracteres o menos',
  'postal-code.required': 'Escriba su código postal (ZIP)',
  'postal-code.invalid': 'Escriba un código postal (ZIP) de 5 dígitos, como 90017',
  'pain-area.required': 'Elija dónde tiene dolor. Puede elegir más de una opción',
  'pain-duration.required': 'Elija cuánto tiempo lleva con este dolor',
  'pain-level.required': 'Elija un número del 0 al 10 para su dolor de hoy',
  'treatments.invalid': 'Elija solo tratamientos de la lista',
  'insurance.invalid': 'Elija un tipo de seguro de la lista',
  'message.long': (n) => `Su mensaje tiene ${n} caracteres. Acórtelo a 2000 o menos`,
  'message.chars': 'Su mensaje tiene caracteres especiales ocultos. Vuelva a escribirlo',
  'heard-from.long': 'Escriba 100 caracteres o menos',
  'heard-from.chars': 'Esto tiene caracteres especiales ocultos. Vuelva a escribirlo',
  'consent.required': 'Marque la casilla para permitir que le contactemos sobre su solicitud',
};

const MESSAGES: Record<Locale, Messages> = { en, es };

/** A broken rule: which message, and the count some messages quote (a message's length). */
export type RuleError = { key: MessageKey; count?: number };

/**
 * The text of a broken rule in a language.
 * @example ruleMessage('es', { key: 'tel.invalid' }) // 'Escriba un número de teléfono de 10 dígitos, …'
 */
export function ruleMessage(locale: Locale, error: RuleError): string {
  const message = MESSAGES[locale][error.key];
  return typeof message === 'function' ? message(error.count ?? 0) : message;
}

/** Every message key, for tests that check both languages are complete. */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];
