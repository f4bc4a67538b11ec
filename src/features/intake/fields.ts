/**
 * The request form's fields: their names (the HTTP interface other tools post to), the choices
 * each offers and how long each may be. Pure data, shared by the server and the browser script.
 */

export const CONTACT_METHODS = ['phone', 'text', 'email'] as const;
export const BEST_TIMES = ['morning', 'afternoon', 'evening', 'any'] as const;
export const LANGUAGES = ['en', 'es', 'other'] as const;
export const PAIN_AREAS = ['neck', 'mid-back', 'low-back', 'legs', 'arms'] as const;
export const PAIN_DURATIONS = ['under-3-months', '3-to-12-months', '1-to-5-years', 'over-5-years'] as const;
export const PAIN_LEVELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export const TREATMENTS = [
  'medication',
  'physical-therapy',
  'injections',
  'surgery',
  'spinal-cord-stimulator',
  'pain-pump',
] as const;
export const INSURANCES = [
  'medicare',
  'medi-cal',
  'private',
  'workers-comp',
  'none',
  'other',
  'unsure',
] as const;

export type ContactMethod = (typeof CONTACT_METHODS)[number];
export type BestTime = (typeof BEST_TIMES)[number];
export type PreferredLanguage = (typeof LANGUAGES)[number];
export type PainArea = (typeof PAIN_AREAS)[number];
export type PainDuration = (typeof PAIN_DURATIONS)[number];
export type Treatment = (typeof TREATMENTS)[number];
export type Insurance = (typeof INSURANCES)[number];

/** Fields a patient fills in, in page order (the error summary follows this order). */
export const SINGLE_FIELDS = [
  'given-name',
  'family-name',
  'tel',
  'email',
  'contact-method',
  'best-time',
  'language',
  'language-other',
  'postal-code',
  'pain-duration',
  'pain-level',
  'insurance',
  'message',
  'heard-from',
  'consent',
] as const;
export const MULTI_FIELDS = ['pain-area', 'treatments'] as const;

export type SingleField = (typeof SINGLE_FIELDS)[number];
export type MultiField = (typeof MULTI_FIELDS)[number];
export type FieldName = SingleField | MultiField;

/** Every patient field in the order it appears on the page. */
export const FIELD_ORDER: readonly FieldName[] = [
  'given-name',
  'family-name',
  'postal-code',
  'tel',
  'email',
  'contact-method',
  'best-time',
  'language',
  'language-other',
  'pain-area',
  'pain-duration',
  'pain-level',
  'treatments',
  'insurance',
  'message',
  'heard-from',
  'consent',
];

/** Fields shown as a group of choices, with their options (the first one is where links land). */
export const CHOICE_GROUPS: Partial<Record<FieldName, readonly string[]>> = {
  'contact-method': CONTACT_METHODS,
  'best-time': BEST_TIMES,
  language: LANGUAGES,
  'pain-area': PAIN_AREAS,
  'pain-duration': PAIN_DURATIONS,
  'pain-level': PAIN_LEVELS,
  treatments: TREATMENTS,
};

/**
 * The id of one choice of a group: "pain-area--neck". Two hyphens, because "language" has a
 * choice "other" and "language-other" is the id of its own text field.
 */
export function choiceId(field: FieldName, value: string): string {
  return `${field}--${value}`;
}

/** The id of the control a link to a field lands on: the control, or a group's first choice. */
export function controlId(field: FieldName): string {
  const first = CHOICE_GROUPS[field]?.[0];
  return first === undefined ? field : choiceId(field, first);
}

/** Longest accepted value of each text field, in characters (Unicode code points, after NFC). */
export const LIMITS = {
  name: 60,
  tel: 30,
  email: 254,
  languageOther: 40,
  postalCode: 10,
  message: 2000,
  heardFrom: 100,
} as const;

/** Hidden fields that travel with every post; not patient data. */
export const HIDDEN_FIELDS = {
  token: 'form-token',
  idempotencyKey: 'idempotency-key',
  honeypot: 'website',
  pow: 'altcha',
} as const;
