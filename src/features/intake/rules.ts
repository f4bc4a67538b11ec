import {
  choicesOf,
  FIELD_ORDER,
  FIELDS,
  MULTI_FIELDS,
  SINGLE_FIELDS,
  type FieldName,
  type MultiField,
  type RuleError,
  type SingleField,
} from '../requests/fields.ts';
import type { RequestFields } from '../requests/index.ts';
import {
  charCount,
  cleanLine,
  cleanText,
  hasControlCharacters,
  isEmail,
  isName,
  isZip,
  looksLikePhone,
} from './text.ts';

/**
 * The form's rules, in one pure module that the server and the browser script both run.
 * Phone numbers are checked by a function passed in: the server uses libphonenumber-js, the
 * browser a small North American check (the library's metadata is too big to send).
 */

/** What was posted, exactly as typed: kept to show the form again. */
export type RawForm = Record<SingleField, string> & Record<MultiField, string[]>;

/** The E.164 form of a phone number as typed, or null when it is not a valid number. */
export type PhoneCheck = (typed: string) => string | null;

export type FieldErrors = Partial<Record<FieldName, RuleError>>;

export type Validation = { ok: true; fields: RequestFields } | { ok: false; errors: FieldErrors };

/** Anything with FormData's getAll (FormData itself, on either side). */
export type FormSource = { getAll(name: string): unknown[] };

/**
 * Reads the patient fields of a post. A repeated single field keeps its first value; anything
 * that is not text (a file in a crafted post) counts as empty.
 */
export function readForm(source: FormSource): RawForm {
  const texts = (name: string) => source.getAll(name).filter((v): v is string => typeof v === 'string');
  const form = {} as RawForm;
  for (const name of SINGLE_FIELDS) form[name] = texts(name)[0] ?? '';
  for (const name of MULTI_FIELDS) form[name] = [...new Set(texts(name))];
  return form;
}

/** An empty form; the page language is the preferred language until the patient says otherwise. */
export function emptyForm(language: 'en' | 'es'): RawForm {
  const form = readForm({ getAll: () => [] });
  form.language = language;
  form['best-time'] = 'any';
  return form;
}

const oneOf = <T extends string>(options: readonly T[], value: string): T | null =>
  (options as readonly string[]).includes(value) ? (value as T) : null;
const max = (field: FieldName) => (FIELDS[field] as { max?: number }).max ?? 0;

/**
 * Checks every field and returns either the clean fields or one error per broken field.
 * @example validateRequest(readForm(formData), serverPhoneCheck)
 */
export function validateRequest(raw: RawForm, phone: PhoneCheck): Validation {
  const errors: FieldErrors = {};
  const fail = (field: FieldName, key: RuleError['key'], count?: number) => {
    errors[field] ??= count === undefined ? { key } : { key, count };
  };

  const name = (field: 'given-name' | 'family-name') => {
    const value = cleanLine(raw[field]);
    if (value === '') fail(field, `${field}.required`);
    else if (charCount(value) > max(field)) fail(field, `${field}.long`);
    else if (!isName(value)) fail(field, `${field}.chars`);
    return value;
  };
  const givenName = name('given-name');
  const familyName = name('family-name');

  const telTyped = cleanLine(raw.tel);
  let tel: string | null = null;
  if (telTyped !== '') {
    tel = charCount(telTyped) <= max('tel') && looksLikePhone(telTyped) ? phone(telTyped) : null;
    if (tel === null) fail('tel', 'tel.invalid');
  }
  const email = cleanLine(raw.email);
  if (email !== '' && (charCount(email) > max('email') || hasControlCharacters(email) || !isEmail(email)))
    fail('email', 'email.invalid');

  const contactMethod = oneOf(choicesOf('contact-method'), raw['contact-method']);
  if (!contactMethod) fail('contact-method', 'contact-method.required');
  if (telTyped === '' && email === '') fail('tel', 'tel.missing');
  else if (telTyped === '' && (contactMethod === 'phone' || contactMethod === 'text'))
    fail('tel', 'tel.needed');
  else if (email === '' && contactMethod === 'email') fail('email', 'email.needed');

  const bestTime = oneOf(choicesOf('best-time'), raw['best-time']);
  if (!bestTime) fail('best-time', 'best-time.required');
  const language = oneOf(choicesOf('language'), raw.language);
  if (!language) fail('language', 'language.required');
  const languageOther = cleanLine(raw['language-other']);
  if (language === 'other' && languageOther === '') fail('language-other', 'language-other.required');
  else if (charCount(languageOther) > max('language-other')) fail('language-other', 'language-other.long');
  else if (hasControlCharacters(languageOther)) fail('language-other', 'language-other.chars');

  const postalCode = cleanLine(raw['postal-code']);
  if (postalCode === '') fail('postal-code', 'postal-code.required');
  else if (!isZip(postalCode)) fail('postal-code', 'postal-code.invalid');

  const painAreas = raw['pain-area'].map((v) => oneOf(choicesOf('pain-area'), v));
  if (painAreas.length === 0 || painAreas.includes(null)) fail('pain-area', 'pain-area.required');
  const painDuration = oneOf(choicesOf('pain-duration'), raw['pain-duration']);
  if (!painDuration) fail('pain-duration', 'pain-duration.required');
  const painLevel = oneOf(choicesOf('pain-level'), raw['pain-level']);
  if (!painLevel) fail('pain-level', 'pain-level.required');
  const treatments = raw.treatments.map((v) => oneOf(choicesOf('treatments'), v));
  if (treatments.includes(null)) fail('treatments', 'treatments.invalid');
  const selfCheck = raw['self-check'].map((v) => oneOf(choicesOf('self-check'), v));
  if (selfCheck.includes(null)) fail('self-check', 'self-check.invalid');
  const insurance = raw.insurance === '' ? null : oneOf(choicesOf('insurance'), raw.insurance);
  if (raw.insurance !== '' && !insurance) fail('insurance', 'insurance.invalid');

  const message = cleanText(raw.message);
  if (charCount(message) > max('message')) fail('message', 'message.long', charCount(message));
  else if (hasControlCharacters(message, true)) fail('message', 'message.chars');
  const heardFrom = cleanLine(raw['heard-from']);
  if (charCount(heardFrom) > max('heard-from')) fail('heard-from', 'heard-from.long');
  else if (hasControlCharacters(heardFrom)) fail('heard-from', 'heard-from.chars');
  if (raw.consent !== 'yes') fail('consent', 'consent.required');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      version: 1,
      givenName,
      familyName,
      tel,
      email: email === '' ? null : email,
      contactMethod: contactMethod as NonNullable<typeof contactMethod>,
      bestTime: bestTime as NonNullable<typeof bestTime>,
      language: language as NonNullable<typeof language>,
      languageOther: languageOther === '' ? null : languageOther,
      postalCode,
      painAreas: painAreas as RequestFields['painAreas'],
      painDuration: painDuration as NonNullable<typeof painDuration>,
      painLevel: Number(painLevel),
      treatments: treatments as RequestFields['treatments'],
      selfCheck: selfCheck as RequestFields['selfCheck'],
      insurance,
      message,
      heardFrom: heardFrom === '' ? null : heardFrom,
      consent: true,
    },
  };
}

/** Broken fields in page order, as the error summary lists them. */
export function errorsInOrder(errors: FieldErrors): { field: FieldName; error: RuleError }[] {
  return FIELD_ORDER.flatMap((field) => {
    const error = errors[field];
    return error ? [{ field, error }] : [];
  });
}
