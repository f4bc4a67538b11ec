import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/**
 * Makes a text cell safe to open in a spreadsheet: one that begins with = + - @ (or a tab or
 * carriage return) could run as a formula, so it gets a leading apostrophe (OWASP "CSV
 * injection"). Numbers stay numbers.
 * @example neutraliseCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function neutraliseCell(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One table as CSV text: a header line, then a line per row, every text cell neutralised.
 * @example toCsv(['Page', 'Views'], [['/en/', 3]]) // 'Page,Views\r\n/en/,3\r\n'
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header.map(neutraliseCell), ...rows.map((row) => row.map(neutraliseCell))], {
    record_delimiter: 'windows',
  });
}
