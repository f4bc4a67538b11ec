import type { Database } from '../../db/client.ts';
import { openSealed } from '../../features/keys/index.ts';
import { fieldsByColumn, type ExportRecord } from './export-csv.ts';
import type { ExportOptions } from './export-options.ts';

type SealedRow = {
  id: string;
  reference: string;
  received_at: Date | string;
  locale: string;
  status: string;
  source_page: string | null;
  campaign: string | null;
  sealed: Uint8Array;
};

/** The requests the options choose, oldest first, still sealed. */
export function listSealedRequests(db: Database, options: ExportOptions): Promise<SealedRow[]> {
  return db.query<SealedRow>(
    `SELECT id::text AS id, reference, received_at, locale, status, source_page, campaign, sealed
     FROM requests
     -- A purged request has no sealed data left to open (see features/inbox/purge.ts).
     WHERE status <> 'purged'
       AND ($1::text IS NULL OR status = $1)
       AND ($2::timestamptz IS NULL OR received_at >= $2)
       AND ($3::timestamptz IS NULL OR received_at < $3)
     ORDER BY received_at, id`,
    [options.status ?? null, options.from ?? null, options.to ?? null],
  );
}

/**
 * Opens one sealed request with the clinic private key. The associated data is the request id,
 * so a sealed value moved to another row does not open. Throws when it does not open.
 */
export async function openRequest(privateKey: Uint8Array, row: SealedRow): Promise<ExportRecord> {
  const aad = new TextEncoder().encode(row.id);
  const plaintext = await openSealed(privateKey, new Uint8Array(row.sealed), aad);
  // Parsed loosely rather than with parseSealedRequest: the export is the way out of last resort,
  // so a document from another form version is still written out, field by field.
  const document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)) as Record<
    string,
    unknown
  >;
  return {
    id: row.id,
    reference: row.reference,
    receivedAt: new Date(row.received_at),
    locale: row.locale,
    status: row.status,
    sourcePage: row.source_page,
    campaign: row.campaign,
    fields: fieldsByColumn(document),
  };
}
