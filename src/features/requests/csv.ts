import { stringify } from 'csv-stringify/sync';
import { FIELD_ORDER, fieldSpec } from './fields.ts';

/** One opened request: its clear metadata and the fields the patient typed. */
export type ExportRecord = {
  id: string;
  /** The short code the patient was shown, like 7K3M-Q8ZD. */
  reference: string;
  receivedAt: Date;
  locale: string;
  status: string;
  sourcePage: string | null;
  campaign: string | null;
  /** Keyed by column (form field) name; see fieldsByColumn. */
  fields: Record<string, unknown>;
};

const META_COLUMNS = [
  'id',
  'reference',
  'received_at',
  'locale',
  'status',
  'source_page',
  'campaign',
] as const;

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
 * return gets a leading apostrophe (OWASP "CSV injection"). A phone number shows as '+1213….
 */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A field value as cell text: lists joined with "; ", yes/no for booleans, empty for nothing. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return safeCell(value.map((v) => cellText(v)).join('; '));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return safeCell(JSON.stringify(value));
  return safeCell(String(value));
}

/** The field columns for these records: FIELD_ORDER first, then any other field names, sorted. */
export function fieldColumns(records: ExportRecord[]): string[] {
  const present = new Set(records.flatMap((r) => Object.keys(r.fields)));
  const extra = [...present].filter((name) => !(FIELD_ORDER as readonly string[]).includes(name)).sort();
  return [...FIELD_ORDER, ...extra];
}

/**
 * The records as CSV (RFC 4180, CRLF line ends, UTF-8), one header line and one line per request;
 * every cell made safe against formula injection.
 * @example exportCsv([{ id: 'r1', receivedAt, locale: 'en', status: 'new', sourcePage: null, campaign: null, fields }])
 */
export function exportCsv(records: ExportRecord[], options: { bom?: boolean } = {}): string {
  const fields = fieldColumns(records);
  const rows = records.map((r) => [
    ...[r.id, r.reference, r.receivedAt.toISOString(), r.locale, r.status, r.sourcePage, r.campaign].map(
      cellText,
    ),
    ...fields.map((name) => cellText(r.fields[name])),
  ]);
  return stringify([[...META_COLUMNS, ...fields].map(cellText), ...rows], {
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    // A CRLF record delimiter alone stops csv-stringify quoting a bare "\n" or "\r".
    quote_record_delimiter: true,
  });
}
