import { exportCsv, type ExportRecord } from '../../cli/commands/export-csv.ts';
import { openRequest } from '../../cli/commands/export-requests.ts';
import type { Database } from '../../db/client.ts';
import { inboxWhere } from './queries.ts';
import type { InboxFilter } from './inbox-filter.ts';

/**
 * The admin's CSV export, opened in the session. It reuses the command-line export's writer
 * (csv-stringify, formula-injection-safe cells) and opener, so both give the same file.
 */

/** More than this in one download is a job for `clinic export`, not a browser. */
export const EXPORT_LIMIT = 5000;

type SealedRow = Parameters<typeof openRequest>[1];

const COLUMNS = `id::text AS id, reference, received_at, locale, status, source_page, campaign, sealed`;

/** What the admin chose: ticked requests, or everything the inbox filter matches. Never purged ones. */
export type ExportChoice = { ids: string[] } | { filter: InboxFilter };

/** The chosen requests, still sealed, oldest first. */
export function listExportRows(db: Database, choice: ExportChoice, now: Date): Promise<SealedRow[]> {
  if ('ids' in choice) {
    // Ids are checked UUIDs (isRequestId); string_to_array keeps the parameter a plain text on both drivers.
    return db.query<SealedRow>(
      `SELECT ${COLUMNS} FROM requests
       WHERE id = ANY (string_to_array($1, ',')::uuid[]) AND status <> 'purged'
       ORDER BY received_at, id LIMIT ${EXPORT_LIMIT}`,
      [choice.ids.join(',')],
    );
  }
  const { where, params } = inboxWhere(choice.filter, now);
  return db.query<SealedRow>(
    `SELECT ${COLUMNS} FROM requests ${where} ${where ? 'AND' : 'WHERE'} status <> 'purged'
     ORDER BY received_at, id LIMIT ${EXPORT_LIMIT}`,
    params,
  );
}

/**
 * Opens each row and writes the CSV (with a byte-order mark, so spreadsheet programs read
 * accented names right). Rows that do not open (altered or damaged) are left out and counted.
 */
export async function buildExportCsv(
  privateKey: Uint8Array,
  rows: SealedRow[],
): Promise<{ csv: string; ids: string[]; unopened: string[] }> {
  const records: ExportRecord[] = [];
  const unopened: string[] = [];
  for (const row of rows) {
    await openRequest(privateKey, row).then(
      (record) => records.push(record),
      () => unopened.push(row.id),
    );
  }
  return { csv: exportCsv(records, { bom: true }), ids: records.map((r) => r.id), unopened };
}
