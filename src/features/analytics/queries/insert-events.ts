import type { RawSql } from '../../../db/client.ts';
import type { AnalyticsEvent } from '../event.ts';

type Column = readonly [name: string, type: string, get: (e: AnalyticsEvent) => unknown];

/** The columns of INSERT, in its order: name and array type (for reading), and the value of each event. */

const COLUMNS: readonly Column[] = [
  ['occurred_at', 'timestamptz', (e) => e.occurredAt],
  ['day', 'date', (e) => e.day],
  ['visitor_id', 'text', (e) => e.visitorId],
  ['name', 'text', (e) => e.name],
  ['path', 'text', (e) => e.path],
  ['page_kind', 'text', (e) => e.pageKind],
  ['locale', 'text', (e) => e.locale],
  ['referrer', 'text', (e) => e.referrer],
  ['utm_source', 'text', (e) => e.utmSource],
  ['utm_medium', 'text', (e) => e.utmMedium],
  ['utm_campaign', 'text', (e) => e.utmCampaign],
  ['utm_term', 'text', (e) => e.utmTerm],
  ['utm_content', 'text', (e) => e.utmContent],
  ['browser', 'text', (e) => e.browser],
  ['os', 'text', (e) => e.os],
  ['device', 'text', (e) => e.device],
  ['fields', 'text', (e) => e.fields],
];

// One array parameter per column (unnest), in COLUMNS' order, so a batch of any size is one
// short statement. Written out, so the statement check (src/db/statements.db.test.ts) prepares it.
const INSERT = `INSERT INTO analytics_events (occurred_at, day, visitor_id, name, path, page_kind, locale,
    referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content, browser, os, device, fields)
  SELECT * FROM unnest($1::timestamptz[], $2::date[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
    $15::text[], $16::text[], $17::text[])`;

/**
 * Inserts a batch of events and marks their days dirty (bumping each day's version), in the
 * caller's transaction, so the rollup sees the events exactly when it sees the mark.
 */
export async function insertEvents(sql: RawSql, events: AnalyticsEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql.query(
    INSERT,
    COLUMNS.map(([, , get]) => events.map(get)),
  );
  const days = [...new Set(events.map((e) => e.day))].sort();
  await sql.query(
    `INSERT INTO analytics_dirty_days (day) SELECT unnest($1::date[])
     ON CONFLICT (day) DO UPDATE SET version = analytics_dirty_days.version + 1`,
    [days],
  );
}
