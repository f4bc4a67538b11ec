import { stringify } from 'csv-stringify/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Locale } from '../../i18n/locales.ts';
import { wallClock } from '../../lib/zoned-time.ts';
import { FIELD_ORDER, fieldSpec, type FieldName, type Words } from './fields.ts';
import { OUTCOME_LABEL, STATUS_LABEL } from './status.ts';
import { NO_ATTRIBUTION, type VisitAttribution } from './queries.ts';

/**
 * The CSV export, shared by the inbox's download and `clinic export`: one writer, so both give
 * the same file. Written for a person opening it in a spreadsheet: readable column labels in the
 * member's language, choices as words, times in the clinic's time zone, phone numbers in national
 * format, and every cell safe against formula injection.
 */

/** One opened request: its clear metadata, the fields the patient typed, and optionally its history. */
export type ExportRecord = {
  id: string;
  /** The short code the patient was shown and staff use, like 7K3M-Q8ZD. */
  reference: string;
  receivedAt: Date;
  locale: string;
  status: string;
  sourcePage: string | null;
  campaign: string | null;
  /** The visit that sent it, as the analytics dashboard counts it (none for older requests). */
  attribution?: VisitAttribution;
  /** Keyed by column (form field) name; see fieldsByColumn. */
  fields: Record<string, unknown>;
  /** Filled only when the export includes contact history and notes. */
  history?: ExportHistory;
};

/** What staff did on a request, with notes already opened (null: a note that did not open). */
export type ExportHistory = {
  calls: { at: Date; by: string; outcome: string }[];
  changes: { at: Date; by: string | null; from: string; to: string }[];
  notes: { at: Date; by: string; text: string | null }[];
};

export type ExportOptions = {
  /** The language of the labels and words (the member's own). */
  locale: Locale;
  /** The clinic's time zone (clinic.config.json), for every date. */
  timeZone: string;
  /** Add a contact-history column and a notes column. */
  withHistory?: boolean;
  /** Start with a byte-order mark, so spreadsheet programs read accented names right. */
  bom?: boolean;
};

const w = (en: string, es: string): Words => ({ en, es });

const META_LABELS = {
  reference: w('Request number', 'Número de solicitud'),
  receivedAt: w('Received', 'Recibida'),
  locale: w('Form language', 'Idioma del formulario'),
  status: w('Status', 'Estado'),
  sourcePage: w('Sent from page', 'Enviada desde la página'),
  // The campaign of the visit that sent the request: the dashboard's campaign for it.
  landingPage: w('Landing page', 'Página de llegada'),
  utmSource: w('Source (utm_source)', 'Origen (utm_source)'),
  utmMedium: w('Medium (utm_medium)', 'Medio (utm_medium)'),
  campaign: w('Campaign', 'Campaña'),
  utmTerm: w('Term (utm_term)', 'Término (utm_term)'),
  utmContent: w('Content (utm_content)', 'Contenido (utm_content)'),
  id: w('Internal id', 'Id interno'),
} as const;

const HISTORY_LABELS = {
  contacts: w('Contact history', 'Historial de contacto'),
  notes: w('Notes', 'Notas'),
};

/** Short column labels for the patient's fields (the form's own labels are whole questions). */
const FIELD_LABELS: Record<FieldName, Words> = {
  'given-name': w('First name', 'Nombre'),
  'family-name': w('Last name', 'Apellido'),
  'postal-code': w('ZIP code', 'Código postal'),
  tel: w('Phone', 'Teléfono'),
  email: w('E-mail', 'Correo electrónico'),
  'contact-method': w('Contact by', 'Contactar por'),
  'best-time': w('Best time', 'Mejor horario'),
  language: w('Language', 'Idioma'),
  'language-other': w('Other language', 'Otro idioma'),
  'pain-area': w('Pain area', 'Zona del dolor'),
  'pain-duration': w('Pain for how long', 'Tiempo con dolor'),
  'pain-level': w('Pain today (0-10)', 'Dolor hoy (0-10)'),
  treatments: w('Already tried', 'Ya probó'),
  'self-check': w('Self-check', 'Autoevaluación'),
  insurance: w('Insurance', 'Seguro'),
  message: w('Message', 'Mensaje'),
  'heard-from': w('Heard about us', 'Supo de nosotros por'),
  consent: w('Agreed to be contacted', 'Aceptó ser contactada'),
};

const LANGUAGE_WORDS: Record<string, Words> = {
  en: w('English', 'Inglés'),
  es: w('Spanish', 'Español'),
};

const STATUS_WORDS_ES: Record<string, string> = {
  new: 'Nueva',
  contacted: 'Contactada',
  consult_scheduled: 'Consulta programada',
  not_a_candidate: 'No es candidata',
  unreachable: 'No se pudo contactar',
  closed: 'Cerrada',
  purged: 'Depurada (datos borrados)',
};

const OUTCOME_WORDS_ES: Record<string, string> = {
  reached: 'Se habló con la persona',
  voicemail: 'Mensaje de voz',
  no_answer: 'No contestó',
  wrong_number: 'Número equivocado',
};

const YES_NO = { yes: w('Yes', 'Sí'), no: w('No', 'No') };

/** A status in words; an unknown one (a later release) as its code. */
export function statusWords(status: string, locale: Locale): string {
  const english = (STATUS_LABEL as Record<string, string>)[status];
  return (locale === 'es' ? STATUS_WORDS_ES[status] : english) ?? english ?? status;
}

function outcomeWords(outcome: string, locale: Locale): string {
  const english = (OUTCOME_LABEL as Record<string, string>)[outcome];
  return (locale === 'es' ? OUTCOME_WORDS_ES[outcome] : english) ?? english ?? outcome;
}

/**
 * CSV columns are the form's field names (its HTTP interface), in page order; the sealed document
 * uses the field list's property names. Properties not listed (a later form version) are still
 * exported, by name.
 */
const COLUMN_OF: Record<string, string> = Object.fromEntries(
  FIELD_ORDER.map((name) => [fieldSpec(name).prop, name]),
);

/** An opened document keyed by column name; its format version is not a column. */
export function fieldsByColumn(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(document)
      .filter(([key]) => key !== 'version')
      .map(([key, value]) => [COLUMN_OF[key] ?? key, value]),
  );
}

/**
 * A cell a spreadsheet will not run as a formula: text starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe (OWASP "CSV injection").
 */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A field value as cell text: lists joined with "; ", yes/no for booleans, empty for nothing. */
export function cellText(value: unknown, locale: Locale = 'en'): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return safeCell(value.map((v) => cellText(v, locale)).join('; '));
  if (typeof value === 'boolean') return (value ? YES_NO.yes : YES_NO.no)[locale];
  if (typeof value === 'object') return safeCell(JSON.stringify(value));
  return safeCell(String(value));
}

/**
 * A phone number as people dial it in the US, "(213) 555-0142"; another country's number in
 * international form (which the formula guard then prefixes, as it starts with +).
 */
export function phoneText(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed) return safeCell(value);
  return safeCell(parsed.country === 'US' ? parsed.formatNational() : parsed.formatInternational());
}

/** A field's value in words: a choice by its words in the language, a phone in national format. */
function fieldText(name: string, value: unknown, locale: Locale): string {
  if (!(FIELD_ORDER as readonly string[]).includes(name)) return cellText(value, locale);
  const spec = fieldSpec(name as FieldName);
  if (spec.sealed === 'tel') return phoneText(value);
  const options = spec.options;
  if (!options) return cellText(value, locale);
  const words = (v: unknown) => options[String(v)]?.[locale] ?? String(v);
  return cellText(
    Array.isArray(value) ? value.map(words) : value === null || value === undefined ? value : words(value),
    locale,
  );
}

/**
 * An instant as the clinic reads it, "2026-11-25 15:12", in its time zone: a form spreadsheets
 * sort and read as a date. The zone is named in the column label.
 */
export function clinicDateTime(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** The field columns for these records: FIELD_ORDER first, then any other field names, sorted. */
export function fieldColumns(records: ExportRecord[]): string[] {
  const present = new Set(records.flatMap((r) => Object.keys(r.fields)));
  const extra = [...present].filter((name) => !(FIELD_ORDER as readonly string[]).includes(name)).sort();
  return [...FIELD_ORDER, ...extra];
}

/** The contact history as lines in time order: "2026-11-25 15:12 · Reached · ana@clinic.example". */
function contactLines(history: ExportHistory, options: ExportOptions): string {
  const { locale, timeZone } = options;
  const changed = locale === 'es' ? 'Estado' : 'Status';
  const entries = [
    ...history.calls.map((c) => ({ at: c.at, text: `${outcomeWords(c.outcome, locale)} · ${c.by}` })),
    ...history.changes.map((c) => ({
      at: c.at,
      text: `${changed}: ${statusWords(c.from, locale)} → ${statusWords(c.to, locale)}${c.by ? ` · ${c.by}` : ''}`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return entries.map((e) => `${clinicDateTime(e.at, timeZone)} · ${e.text}`).join('\n');
}

function noteLines(history: ExportHistory, options: ExportOptions): string {
  const unopened = options.locale === 'es' ? '(esta nota no se pudo abrir)' : '(this note did not open)';
  return history.notes
    .map((n) => `${clinicDateTime(n.at, options.timeZone)} · ${n.by}: ${n.text ?? unopened}`)
    .join('\n');
}

/** The header line: readable labels in the member's language, the time zone named once. */
export function headerLabels(fields: string[], options: ExportOptions): string[] {
  const { locale, timeZone } = options;
  const meta = Object.entries(META_LABELS).map(([key, words]) =>
    key === 'receivedAt' ? `${words[locale]} (${timeZone})` : words[locale],
  );
  const history = options.withHistory ? [HISTORY_LABELS.contacts[locale], HISTORY_LABELS.notes[locale]] : [];
  return [
    ...meta,
    ...fields.map((name) => FIELD_LABELS[name as FieldName]?.[locale] ?? name),
    ...history,
  ].map((label) => safeCell(label));
}

/**
 * The records as CSV (RFC 4180, CRLF line ends, UTF-8), one header line and one line per request.
 * Every cell holding a line break, a quote or a comma is quoted, so a message over several lines
 * stays one row.
 * @example exportCsv(records, { locale: 'en', timeZone: 'America/Los_Angeles', withHistory: true })
 */
export function exportCsv(records: ExportRecord[], options: ExportOptions): string {
  const { locale, timeZone } = options;
  const fields = fieldColumns(records);
  const empty: ExportHistory = { calls: [], changes: [], notes: [] };
  const rows = records.map((r) => {
    const visit = r.attribution ?? NO_ATTRIBUTION;
    return [
      safeCell(r.reference),
      clinicDateTime(r.receivedAt, timeZone),
      safeCell(LANGUAGE_WORDS[r.locale]?.[locale] ?? r.locale),
      safeCell(statusWords(r.status, locale)),
      cellText(r.sourcePage),
      cellText(visit.landingPage),
      cellText(visit.utmSource),
      cellText(visit.utmMedium),
      cellText(r.campaign),
      cellText(visit.utmTerm),
      cellText(visit.utmContent),
      safeCell(r.id),
      ...fields.map((name) => fieldText(name, r.fields[name], locale)),
      ...(options.withHistory
        ? [contactLines(r.history ?? empty, options), noteLines(r.history ?? empty, options)].map(safeCell)
        : []),
    ];
  });
  return stringify([headerLabels(fields, options), ...rows], {
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    // A CRLF record delimiter alone stops csv-stringify quoting a bare "\n" or "\r": ask for it.
    quote_record_delimiter: true,
    quoted_match: /[\r\n]/,
  });
}
