import type { Locale } from '../../i18n/locales.ts';

/**
 * The patient request's fields: the one list every part of the system reads. For each field, in
 * page order: its name (the form's HTTP interface and the CSV column), the control that shows it,
 * its limit or choices, its words in both languages (label, hint, choices, what each broken rule
 * says), its property in the sealed document and how that property is stored, and its label in
 * the staff inbox. Pure data, shared by the server and the browser script (which is why browser
 * code imports this file rather than ./index.ts).
 *
 * Adding a field: an entry here, its rule in intake/rules.ts, and its line of markup in
 * intake/pages/request-fields-section.tsx. The sealed document's schema, the inbox view and the
 * CSV export follow from this entry.
 */

/** The same words in both languages. */
export type Words = { en: string; es: string };
/** Words that quote a number (a message's length). */
export type CountWords = { en: (n: number) => string; es: (n: number) => string };

/** How a field's value is kept in the sealed document (see record.ts). */
export type Sealed =
  /** Text, never empty. */
  | 'text'
  /** Text that may be empty. */
  | 'text-or-empty'
  /** Text, null when left empty. */
  | 'text-or-null'
  /** E.164 ("+12135550142"), null when left empty. */
  | 'tel'
  /** One of the choices. */
  | 'choice'
  /** One of the choices, null when none was chosen. */
  | 'choice-or-null'
  /** The choice as a whole number ("7" → 7). */
  | 'number'
  /** Any of the choices, as a list (at least `min`). */
  | 'choices'
  /** Always true (the form refuses a post without it). */
  | 'true';

export type FieldSpec = {
  control: 'text' | 'tel' | 'email' | 'textarea' | 'radio' | 'checkboxes' | 'select' | 'consent';
  /** Property in the sealed document (RequestFields). */
  prop: string;
  sealed: Sealed;
  label: Words;
  hint?: Words;
  /** Said in words and aria-required; the rules decide what is really needed. */
  required?: boolean;
  /** Longest accepted text, in characters (Unicode code points, after NFC). */
  max?: number;
  /** The choices, in the order shown, with their words. */
  options?: Readonly<Record<string, Words>>;
  /** At least this many choices (`sealed: 'choices'`). */
  min?: number;
  /** A drop-down's first, empty choice. */
  empty?: Words;
  /** What each broken rule says: short, specific, and telling the person what to do. */
  messages: Readonly<Record<string, Words | CountWords>>;
  /** How the staff inbox names it (English); null when shown as part of another field. */
  staff: { label: string; empty?: string } | null;
};

const w = (en: string, es: string): Words => ({ en, es });
const HIDDEN_CHARACTERS = w(
  'This has hidden special characters. Please retype it',
  'Esto tiene caracteres especiales ocultos. Vuelva a escribirlo',
);
const PAIN_LEVELS = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((n) => [n, w(n, n)]),
);

/** Every patient field, in page order (the error summary and the CSV columns follow it). */
export const FIELDS = {
  'given-name': {
    control: 'text',
    prop: 'givenName',
    sealed: 'text',
    label: w('First name', 'Nombre'),
    required: true,
    max: 60,
    messages: {
      required: w('Enter your first name', 'Escriba su nombre'),
      chars: w(
        'First name can only have letters, spaces, hyphens (-) and apostrophes (’)',
        'El nombre solo puede tener letras, espacios, guiones (-) y apóstrofos (’)',
      ),
      long: w('First name must be 60 characters or fewer', 'El nombre debe tener 60 caracteres o menos'),
    },
    staff: { label: 'Name' },
  },
  'family-name': {
    control: 'text',
    prop: 'familyName',
    sealed: 'text',
    label: w('Last name', 'Apellido'),
    required: true,
    max: 60,
    messages: {
      required: w('Enter your last name', 'Escriba su apellido'),
      chars: w(
        'Last name can only have letters, spaces, hyphens (-) and apostrophes (’)',
        'El apellido solo puede tener letras, espacios, guiones (-) y apóstrofos (’)',
      ),
      long: w('Last name must be 60 characters or fewer', 'El apellido debe tener 60 caracteres o menos'),
    },
    staff: null, // shown with the first name
  },
  'postal-code': {
    control: 'text',
    prop: 'postalCode',
    sealed: 'text-or-empty',
    label: w('ZIP code', 'Código postal (ZIP)'),
    required: true,
    max: 10,
    messages: {
      required: w('Enter your ZIP code', 'Escriba su código postal (ZIP)'),
      invalid: w(
        'Enter a 5-digit ZIP code, like 90017',
        'Escriba un código postal (ZIP) de 5 dígitos, como 90017',
      ),
    },
    staff: { label: 'ZIP code', empty: 'None given' },
  },
  tel: {
    control: 'tel',
    prop: 'tel',
    sealed: 'tel',
    label: w('Phone number', 'Número de teléfono'),
    hint: w('For example, 213 555 0142', 'Por ejemplo, 213 555 0142'),
    max: 30,
    messages: {
      invalid: w(
        'Enter a 10-digit phone number, like 213 555 0142',
        'Escriba un número de teléfono de 10 dígitos, como 213 555 0142',
      ),
      missing: w(
        'Enter a phone number or an e-mail address, so we can reach you',
        'Escriba un teléfono o un correo electrónico para poder comunicarnos con usted',
      ),
      needed: w(
        'Enter a phone number, or choose e-mail as the way to contact you',
        'Escriba un número de teléfono o elija el correo electrónico para contactarle',
      ),
    },
    staff: { label: 'Phone', empty: 'None given' },
  },
  email: {
    control: 'email',
    prop: 'email',
    sealed: 'text-or-null',
    label: w('E-mail address', 'Correo electrónico'),
    max: 254,
    messages: {
      invalid: w(
        'Enter an e-mail address like name@example.com',
        'Escriba un correo electrónico como nombre@ejemplo.com',
      ),
      needed: w(
        'Enter your e-mail address, or choose a phone call or text message',
        'Escriba su correo electrónico o elija una llamada o un mensaje de texto',
      ),
    },
    staff: { label: 'E-mail', empty: 'None given' },
  },
  'contact-method': {
    control: 'radio',
    prop: 'contactMethod',
    sealed: 'choice',
    label: w('How should we contact you?', '¿Cómo prefiere que le contactemos?'),
    required: true,
    options: {
      phone: w('Phone call', 'Llamada'),
      text: w('Text message', 'Mensaje de texto'),
      email: w('E-mail', 'Correo electrónico'),
    },
    messages: {
      required: w(
        'Choose how you would like us to contact you',
        'Elija cómo prefiere que nos comuniquemos con usted',
      ),
    },
    staff: { label: 'Contact by' },
  },
  'best-time': {
    control: 'radio',
    prop: 'bestTime',
    sealed: 'choice',
    label: w('What is the best time to reach you?', '¿Cuál es el mejor horario para comunicarnos con usted?'),
    required: true,
    options: {
      morning: w('Morning', 'Mañana'),
      afternoon: w('Afternoon', 'Tarde'),
      evening: w('Evening', 'Noche'),
      any: w('Any time', 'Cualquier hora'),
    },
    messages: {
      required: w('Choose the best time to reach you', 'Elija el mejor horario para comunicarnos con usted'),
    },
    staff: { label: 'Best time' },
  },
  language: {
    control: 'radio',
    prop: 'language',
    sealed: 'choice',
    label: w('Which language do you prefer?', '¿Qué idioma prefiere?'),
    required: true,
    options: {
      en: w('English', 'Inglés (English)'),
      es: w('Spanish (español)', 'Español'),
      other: w('Another language', 'Otro idioma'),
    },
    messages: { required: w('Choose the language you prefer', 'Elija el idioma que prefiere') },
    staff: { label: 'Language' },
  },
  'language-other': {
    control: 'text',
    prop: 'languageOther',
    sealed: 'text-or-null',
    label: w('If another language, which one?', 'Si es otro idioma, ¿cuál?'),
    max: 40,
    messages: {
      required: w('Tell us which language you prefer', 'Díganos qué idioma prefiere'),
      chars: HIDDEN_CHARACTERS,
      long: w('Language must be 40 characters or fewer', 'El idioma debe tener 40 caracteres o menos'),
    },
    staff: null, // shown with the language
  },
  'pain-area': {
    control: 'checkboxes',
    prop: 'painAreas',
    sealed: 'choices',
    min: 1,
    label: w('Where is your pain?', '¿Dónde tiene dolor?'),
    hint: w('Choose all that apply.', 'Elija todas las que correspondan.'),
    required: true,
    options: {
      neck: w('Neck', 'Cuello'),
      'mid-back': w('Middle of the back', 'Mitad de la espalda'),
      'low-back': w('Lower back', 'Parte baja de la espalda'),
      legs: w('Legs', 'Piernas'),
      arms: w('Arms', 'Brazos'),
    },
    messages: {
      required: w(
        'Choose where you have pain. You can choose more than one',
        'Elija dónde tiene dolor. Puede elegir más de una opción',
      ),
    },
    staff: { label: 'Pain', empty: 'None given' },
  },
  'pain-duration': {
    control: 'radio',
    prop: 'painDuration',
    sealed: 'choice',
    label: w('How long have you had this pain?', '¿Cuánto tiempo lleva con este dolor?'),
    required: true,
    options: {
      'under-3-months': w('Less than 3 months', 'Menos de 3 meses'),
      '3-to-12-months': w('3 to 12 months', 'De 3 a 12 meses'),
      '1-to-5-years': w('1 to 5 years', 'De 1 a 5 años'),
      'over-5-years': w('More than 5 years', 'Más de 5 años'),
    },
    messages: {
      required: w('Choose how long you have had this pain', 'Elija cuánto tiempo lleva con este dolor'),
    },
    staff: { label: 'For how long' },
  },
  'pain-level': {
    control: 'radio',
    prop: 'painLevel',
    sealed: 'number',
    label: w('How bad is your pain today?', '¿Qué tan fuerte es su dolor hoy?'),
    hint: w(
      '0 means no pain. 10 means the worst pain you can imagine.',
      '0 es sin dolor. 10 es el peor dolor que pueda imaginar.',
    ),
    required: true,
    options: PAIN_LEVELS,
    messages: {
      required: w(
        'Choose a number from 0 to 10 for your pain today',
        'Elija un número del 0 al 10 para su dolor de hoy',
      ),
    },
    staff: { label: 'Pain today' },
  },
  treatments: {
    control: 'checkboxes',
    prop: 'treatments',
    sealed: 'choices',
    min: 0,
    label: w('What have you already tried?', '¿Qué ha probado ya?'),
    hint: w('Choose all that apply, or none.', 'Elija todos los que correspondan, o ninguno.'),
    options: {
      medication: w('Pain medicine', 'Medicinas para el dolor'),
      'physical-therapy': w('Physical therapy', 'Terapia física'),
      injections: w('Injections', 'Inyecciones'),
      surgery: w('Surgery', 'Cirugía'),
      'spinal-cord-stimulator': w('Spinal cord stimulator', 'Estimulador de la médula espinal'),
      'pain-pump': w('Pain pump', 'Bomba para el dolor'),
    },
    messages: {
      invalid: w('Choose only treatments from the list', 'Elija solo tratamientos de la lista'),
    },
    staff: { label: 'Already tried', empty: 'None given' },
  },
  'self-check': {
    control: 'checkboxes',
    prop: 'selfCheck',
    sealed: 'choices',
    min: 0,
    label: w('From your self-check', 'De su autoevaluación'),
    hint: w(
      'You chose to send these answers. Uncheck any you do not want to send.',
      'Usted eligió enviar estas respuestas. Desmarque las que no quiera enviar.',
    ),
    options: {
      'result-worth-asking': w(
        'Self-check result: this may be worth asking about',
        'Resultado: puede valer la pena preguntar por este tratamiento',
      ),
      'no-warning-signs': w('None of the urgent warning signs', 'Ninguna de las señales de alarma urgentes'),
      'no-safety-answers': w(
        'No infection, bleeding problem or blood thinner, pregnancy, allergy to dye or a medicine, or trouble lying face down',
        'Sin infección, problema de sangrado o medicina para la sangre, embarazo, alergia al tinte o a una medicina, ni problema para estar boca abajo',
      ),
      'back-or-neck-surgery': w(
        'Has had surgery on the back or neck',
        'Le han operado de la espalda o del cuello',
      ),
      'pain-into-limb': w('The pain goes into an arm or a leg', 'El dolor baja a un brazo o a una pierna'),
      'pain-into-limb-unsure': w(
        'Not sure if the pain goes into an arm or a leg',
        'No sabe si el dolor baja a un brazo o a una pierna',
      ),
    },
    messages: {
      invalid: w('Uncheck any answer that is not from the list', 'Desmarque lo que no sea de la lista'),
    },
    staff: { label: 'Self-check', empty: 'Not included' },
  },
  insurance: {
    control: 'select',
    prop: 'insurance',
    sealed: 'choice-or-null',
    label: w('What kind of health insurance do you have?', '¿Qué tipo de seguro médico tiene?'),
    empty: w('Choose one', 'Elija uno'),
    options: {
      medicare: w('Medicare', 'Medicare'),
      'medi-cal': w('Medi-Cal', 'Medi-Cal'),
      private: w('Private insurance (through work or your own)', 'Seguro privado (del trabajo o propio)'),
      'workers-comp': w('Workers’ compensation', 'Compensación de trabajadores'),
      none: w('No insurance', 'No tengo seguro'),
      other: w('Other', 'Otro'),
      unsure: w('Not sure', 'No lo sé'),
    },
    messages: {
      invalid: w('Choose an insurance type from the list', 'Elija un tipo de seguro de la lista'),
    },
    staff: { label: 'Insurance', empty: 'None given' },
  },
  message: {
    control: 'textarea',
    prop: 'message',
    sealed: 'text-or-empty',
    label: w('Is there anything else you want us to know?', '¿Hay algo más que quiera decirnos?'),
    hint: w('Up to 2,000 characters.', 'Hasta 2000 caracteres.'),
    max: 2000,
    messages: {
      long: {
        en: (n: number) =>
          `Your message has ${n.toLocaleString('en-US')} characters. Shorten it to 2,000 or fewer`,
        es: (n: number) => `Su mensaje tiene ${n} caracteres. Acórtelo a 2000 o menos`,
      },
      chars: w(
        'Your message has hidden special characters. Please retype it',
        'Su mensaje tiene caracteres especiales ocultos. Vuelva a escribirlo',
      ),
    },
    staff: { label: 'Message', empty: 'None' },
  },
  'heard-from': {
    control: 'text',
    prop: 'heardFrom',
    sealed: 'text-or-null',
    label: w('How did you hear about us?', '¿Cómo supo de nosotros?'),
    max: 100,
    messages: {
      long: w('Keep this to 100 characters or fewer', 'Escriba 100 caracteres o menos'),
      chars: HIDDEN_CHARACTERS,
    },
    staff: { label: 'Heard about us', empty: 'Not said' },
  },
  consent: {
    control: 'consent',
    prop: 'consent',
    sealed: 'true',
    label: w(
      'I agree that the clinic may contact me about this request, and I have read the privacy notice.',
      'Acepto que la clínica me contacte sobre esta solicitud y he leído el aviso de privacidad.',
    ),
    required: true,
    messages: {
      required: w(
        'Check the box to let us contact you about your request',
        'Marque la casilla para permitir que le contactemos sobre su solicitud',
      ),
    },
    staff: { label: 'Agreed to be contacted' },
  },
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof FIELDS;
export type FieldName = keyof Fields;
/** Fields posted as several values (checkboxes). */
export type MultiField = { [N in FieldName]: Fields[N]['sealed'] extends 'choices' ? N : never }[FieldName];
export type SingleField = Exclude<FieldName, MultiField>;

/** The choices of a field, as their values ('neck', 'low-back', …). */
export type ChoiceOf<N extends FieldName> = Fields[N] extends { options: infer O } ? keyof O & string : never;

/** Every patient field's name, in page order. */
export const FIELD_ORDER = Object.keys(FIELDS) as FieldName[];
export const MULTI_FIELDS = FIELD_ORDER.filter((n) => FIELDS[n].sealed === 'choices') as MultiField[];
export const SINGLE_FIELDS = FIELD_ORDER.filter((n) => FIELDS[n].sealed !== 'choices') as SingleField[];

/** The spec of a field, typed loosely: for code that walks every field. */
export const fieldSpec = (name: FieldName): FieldSpec => FIELDS[name];

/** A field's choices, in the order shown. */
export function choicesOf<N extends FieldName>(name: N): ChoiceOf<N>[] {
  return Object.keys(fieldSpec(name).options ?? {}) as ChoiceOf<N>[];
}

/** A message key: the field and the rule it broke, like "tel.invalid". */
export type MessageKey = {
  [N in FieldName]: `${N}.${keyof Fields[N]['messages'] & string}`;
}[FieldName];

/** A broken rule: which message, and the count some messages quote (a message's length). */
export type RuleError = { key: MessageKey; count?: number };

/** Every message key, for tests that check both languages are complete. */
export const MESSAGE_KEYS = FIELD_ORDER.flatMap((name) =>
  Object.keys(fieldSpec(name).messages).map((rule) => `${name}.${rule}` as MessageKey),
);

/**
 * The text of a broken rule in a language. Shared by the server (after a post) and the browser
 * script (inline), so they always match.
 * @example ruleMessage('es', { key: 'tel.invalid' }) // 'Escriba un número de teléfono de 10 dígitos, …'
 */
export function ruleMessage(locale: Locale, error: RuleError): string {
  const dot = error.key.indexOf('.');
  const words = fieldSpec(error.key.slice(0, dot) as FieldName).messages[error.key.slice(dot + 1)];
  const message = words?.[locale];
  if (message === undefined) throw new Error(`No message ${error.key}`);
  return typeof message === 'function' ? message(error.count ?? 0) : message;
}

/**
 * The id of one choice of a group: "pain-area--neck". Two hyphens, because "language" has a
 * choice "other" and "language-other" is the id of its own text field.
 */
export function choiceId(field: FieldName, value: string): string {
  return `${field}--${value}`;
}

/** The id of the control a link to a field lands on: the control, or a group's first choice. */
export function controlId(field: FieldName): string {
  const spec = fieldSpec(field);
  const first = Object.keys(spec.options ?? {})[0];
  return spec.control === 'select' || first === undefined ? field : choiceId(field, first);
}

/** Hidden fields that travel with every post; not patient data. */
export const HIDDEN_FIELDS = {
  token: 'form-token',
  idempotencyKey: 'idempotency-key',
  honeypot: 'website',
  pow: 'altcha',
} as const;
