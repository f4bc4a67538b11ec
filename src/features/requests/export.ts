import type { Database } from '../../db/client.ts';
import { openSealed } from '../keys/index.ts';
import { exportCsv, fieldsByColumn, type ExportOptions, type ExportRecord } from './csv.ts';
import { listHistory } from './history-queries.ts';
import type { SealedRequest } from './queries.ts';
import { openNote } from './sealing.ts';

/**
 * Opening requests for an export, shared by the inbox's download and `clinic export`, so both
 * give the same file.
 */

/** More than this in one download is a job for `clinic export`, not a browser. */
export const WEB_EXPORT_LIMIT = 5000;

/**
 * Opens one sealed request with the clinic private key. The associated data is the request id,
 * so a sealed value moved to another row does not open. Throws when it does not open.
 */
export async function openForExport(privateKey: Uint8Array, row: SealedRequest): Promise<ExportRecord> {
  const plaintext = await openSealed(privateKey, row.sealed, new TextEncoder().encode(row.id));
  // Parsed loosely rather than with parseSealedRequest: the export is the way out of last resort,
  // so a document from another form version is still written out, field by field.
  const document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)) as Record<
    string,
    unknown
  >;
  const { sealed: _sealed, ...meta } = row;
  return { ...meta, fields: fieldsByColumn(document) };
}

/** A request's calls, status changes and notes, the notes opened with the private key. */
async function openHistory(db: Database, privateKey: Uint8Array, requestId: string) {
  const history = await listHistory(db, requestId);
  const notes = [];
  for (const note of history.notes) {
    notes.push({ at: note.at, by: note.by, text: await openNote(privateKey, note) });
  }
  return { calls: history.calls, changes: history.changes, notes };
}

/**
 * Opens each row and writes the CSV, with each request's contact history and notes when
 * `options.withHistory`. Rows that do not open (altered or damaged) are left out and named by id,
 * so the caller can say so.
 * @example const { csv, unopened } = await buildExportCsv(db, privateKey, rows, { locale: 'en', timeZone, bom: true });
 */
export async function buildExportCsv(
  db: Database,
  privateKey: Uint8Array,
  rows: SealedRequest[],
  options: ExportOptions,
): Promise<{ csv: string; ids: string[]; unopened: string[] }> {
  const records: ExportRecord[] = [];
  const unopened: string[] = [];
  for (const row of rows) {
    const record = await openForExport(privateKey, row).catch(() => null);
    if (!record) {
      unopened.push(row.id);
      continue;
    }
    if (options.withHistory) record.history = await openHistory(db, privateKey, row.id);
    records.push(record);
  }
  return { csv: exportCsv(records, options), ids: records.map((r) => r.id), unopened };
}
