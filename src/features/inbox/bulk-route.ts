import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { actorOf, field, type InboxDeps } from './http.ts';
import { bulkUpdate, isRequestId, isWorkStatus } from '../requests/index.ts';

/** The list's own query string, as the bulk form carries it back ("?view=due&page=2"). */
function returnQuery(value: string): string {
  return /^\?[A-Za-z0-9_\-=&%.]*$/.test(value) && value.length <= 300 ? value : '';
}

/**
 * POST /staff/bulk (admins, coordinators): the same status and/or assignee for every chosen
 * request, in one transaction with one audit entry per change; back to the same list with how
 * many changed.
 */
export function bulkHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const body = await c.req.parseBody({ all: true });
    const back = returnQuery(field(body, 'return'));
    const to = (notice: string) => `/staff/${back ? `${back}&` : '?'}notice=${notice}`;
    const raw = body.id;
    const ids = (Array.isArray(raw) ? raw : [raw]).filter(
      (v): v is string => typeof v === 'string' && isRequestId(v),
    );
    const status = field(body, 'bulk-status');
    const assignee = field(body, 'bulk-assignee');
    const staffId = assignee === '' ? undefined : assignee === 'nobody' ? null : assignee;
    const validStatus = isWorkStatus(status) ? status : null;
    const validStaff = staffId === undefined || staffId === null || isRequestId(staffId);
    if (ids.length === 0 || (validStatus === null && staffId === undefined) || !validStaff) {
      return c.redirect(to('nothing-chosen'), 303);
    }
    const result = await bulkUpdate(deps.db, {
      requestIds: ids,
      status: validStatus,
      staffId,
      actor: actorOf(c, deps),
      now: now(),
    });
    if ('problem' in result) return c.redirect(to('bulk-not-member'), 303);
    return c.redirect(`${to('bulk-done')}&changed=${result.changed}`, 303);
  };
}
