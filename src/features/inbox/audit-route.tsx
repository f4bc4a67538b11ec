import type { Context } from 'hono';
import { listAudit } from '../audit/index.ts';
import { AUDIT_PAGE_SIZE, parseAuditFilter, toAuditQuery } from './audit-filter.ts';
import { listAuditActions, listStaffMembers } from './audit-queries.ts';
import { type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import { AuditPage } from './pages/audit-page.tsx';

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
    return sendStaffPage(
      c,
      <AuditPage
        {...staffFrame(c, site)}
        filter={filter}
        entries={entries.slice(0, AUDIT_PAGE_SIZE)}
        hasNext={entries.length > AUDIT_PAGE_SIZE}
        members={members}
        actions={actions}
      />,
    );
  };
}
