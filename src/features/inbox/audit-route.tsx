import type { Context } from 'hono';
import { listAudit } from '../audit/index.ts';
import { AUDIT_PAGE_SIZE, parseAuditFilter, toAuditQuery } from './audit-filter.ts';
import { listAuditActions, listStaffMembers } from './audit-queries.ts';
import { type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import { AuditPage } from './pages/audit-page.tsx';
import { actionWords, requestIdsOf } from './audit-names.ts';
import { clinicDateTime, referencesByIds, safeCell } from '../requests/index.ts';
import { actorOf } from './http.ts';
import { recordAudit } from '../audit/index.ts';
import { clockOf } from '../../lib/clock.ts';
import { stringify } from 'csv-stringify/sync';

/** More entries than this in one download: narrow the dates. */
export const AUDIT_EXPORT_LIMIT = 20_000;

/**
 * GET /staff/audit/export (admins): the entries the filter matches (not only one page), as CSV
 * with the same words as the page. The export is itself written to the trail first.
 */
export function auditExportHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const at = now();
    const { timeZone } = deps.publicSite.site.clinic;
    const filter = parseAuditFilter(c.req.query());
    const [entries, members] = await Promise.all([
      listAudit(deps.db, toAuditQuery(filter, timeZone), AUDIT_EXPORT_LIMIT, 0),
      listStaffMembers(deps.db),
    ]);
    const references = await referencesByIds(deps.db, requestIdsOf(entries.map((e) => e.target)));
    const emails = new Map(members.map((m) => [m.id, m.email]));
    const actor = actorOf(c, deps);
    await recordAudit(
      deps.db,
      {
        actorId: actor.staffId,
        actorEmail: actor.email,
        action: 'audit.exported',
        target: null,
        address: actor.address,
        details: {
          format: 'csv',
          count: entries.length,
          ...Object.fromEntries(Object.entries(filter).filter(([k, v]) => k !== 'page' && v)),
        },
      },
      at,
    );
    const onWhat = (target: string | null) => {
      const request = /^request:([0-9a-f-]{36})$/.exec(target ?? '')?.[1];
      if (request) return `Request ${references.get(request) ?? request}`;
      const member = /^staff:([0-9a-f-]{36})$/.exec(target ?? '')?.[1];
      return member ? (emails.get(member) ?? target ?? '') : (target ?? '');
    };
    const rows = entries.map((e) => [
      String(e.id),
      clinicDateTime(e.at, timeZone),
      e.actorEmail ?? 'system',
      actionWords(e.action),
      e.action,
      onWhat(e.target),
      e.address ?? '',
      Object.entries(e.details)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join('; '),
    ]);
    const header = ['#', `When (${timeZone})`, 'Who', 'What', 'Action code', 'On', 'From address', 'Details'];
    const csv = stringify(
      [header, ...rows].map((row) => row.map(safeCell)),
      {
        bom: true,
        record_delimiter: 'windows',
        quote_record_delimiter: true,
        quoted_match: /[\r\n]/,
      },
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${at.toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    });
  };
}

/** GET /staff/audit (admins): the audit trail, newest first, filtered by who, what and when. */
export function auditHandler(deps: InboxDeps) {
  return async (c: Context) => {
    const site = deps.publicSite.site;
    const filter = parseAuditFilter(c.req.query());
    const query = toAuditQuery(filter, site.clinic.timeZone);
    // One more than a page, to know whether there is an older page.
    const [entries, members, actions] = await Promise.all([
      listAudit(deps.db, query, AUDIT_PAGE_SIZE + 1, (filter.page - 1) * AUDIT_PAGE_SIZE),
      listStaffMembers(deps.db),
      listAuditActions(deps.db),
    ]);
    const references = await referencesByIds(deps.db, requestIdsOf(entries.map((e) => e.target)));
    return sendStaffPage(
      c,
      <AuditPage
        {...staffFrame(c, site)}
        filter={filter}
        entries={entries.slice(0, AUDIT_PAGE_SIZE)}
        hasNext={entries.length > AUDIT_PAGE_SIZE}
        members={members}
        actions={actions}
        references={references}
      />,
    );
  };
}
