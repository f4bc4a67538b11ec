import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { canExport } from '../auth/index.ts';
import { responseDeadline } from '../intake/index.ts';
import { formatWaiting } from './clinic-time.ts';
import { type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import { PAGE_SIZE, parseInboxFilter, parseReferenceQuery } from './inbox-filter.ts';
import { InboxPage } from './pages/inbox-page.tsx';
import type { ListedRequest } from './pages/inbox-table.tsx';
import { getRequestIdByReference, listNewArrivals } from '../requests/index.ts';
import { listInbox, type InboxRow } from './listing.ts';
import { isOverdue } from './workflow.ts';

/** Messages a redirect to the inbox may ask for (by code: URLs never carry text). */
const NOTICES: Record<string, string> = {
  'nothing-to-export': 'Choose at least one request to export, or export all that match the filters.',
  'nothing-opened': 'None of the chosen requests could be opened for export.',
};

/**
 * GET /staff/: the inbox. Everything shown is clear metadata: nothing is opened. A complete
 * request number found exactly goes straight to its request (a coordinator on the phone).
 */
export function listHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const at = now();
    const site = deps.publicSite.site;
    const { hours, timeZone, responseTargetBusinessHours: target } = site.clinic;
    const filter = parseInboxFilter(c.req.query());
    const reference = parseReferenceQuery(filter.q);
    if (reference?.complete) {
      const id = await getRequestIdByReference(deps.db, reference.reference);
      if (id) return c.redirect(`/staff/requests/${id}`, 303);
    }
    const deadline = (receivedAt: Date) => responseDeadline(receivedAt, hours, timeZone, target);
    const listed = (row: InboxRow): ListedRequest => ({
      ...row,
      waiting: row.status === 'new' ? formatWaiting(at.getTime() - row.receivedAt.getTime()) : null,
      overdue: isOverdue(row.status, deadline(row.receivedAt), at),
    });
    const [{ rows, total }, arrivals] = await Promise.all([
      listInbox(deps.db, filter, at, PAGE_SIZE),
      listNewArrivals(deps.db),
    ]);
    const overdueCount = arrivals.filter((receivedAt) => isOverdue('new', deadline(receivedAt), at)).length;
    return sendStaffPage(
      c,
      <InboxPage
        {...staffFrame(c, site)}
        filter={filter}
        rows={rows.map(listed)}
        total={total}
        pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        overdueCount={overdueCount}
        responseTargetHours={target}
        canExport={canExport(c.get('staff').role)}
        notice={NOTICES[c.req.query('notice') ?? ''] ?? null}
      />,
    );
  };
}
