import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { HttpError } from '../../lib/http-error.ts';
import { recordAudit } from '../audit/index.ts';
import { getSessionPrivateKey } from '../auth/index.ts';
import { formatWaiting, toLocalInput } from './clinic-time.ts';
import { actorOf, type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import { RequestPage } from './pages/request-page.tsx';
import type { FormState } from './pages/work-forms.tsx';
import {
  getInboxRequest,
  getSealedRequest,
  listAssignableMembers,
  listHistory,
  listInboxIds,
  openNote,
  openRequestFields,
  type RequestFields,
} from '../requests/index.ts';
import { filterQuery, parseInboxFilter } from './inbox-filter.ts';
import { inboxClock, inboxCriteria, listed, overdueArrivedBy, searchOf } from './listing.ts';
import { sessionIndex } from './session-index.ts';
import { buildTimeline } from './timeline.ts';

export const EMPTY_FORM: FormState = { errors: {}, values: {}, done: null, conflict: false };

/** How the page was asked for: the inbox's filters it came from, and whether to print. */
export type ViewOptions = { query: Record<string, string | undefined>; print: boolean };

/**
 * Opens a request in this session and sends its page. Every time patient data is shown, the
 * view (or the print view) goes to the audit trail first: if that write fails, nothing is shown.
 */
export async function showRequest(
  c: Context,
  deps: InboxDeps,
  id: string,
  form: FormState = EMPTY_FORM,
  status: 200 | 409 | 422 = 200,
  options: ViewOptions = { query: {}, print: false },
): Promise<Response> {
  const now = clockOf(deps)();
  const site = deps.publicSite.site;
  const { timeZone } = site.clinic;
  const [request, row] = await Promise.all([getSealedRequest(deps.db, id), getInboxRequest(deps.db, id)]);
  if (!request || !row) throw new HttpError(404, 'No such request.');
  const privateKey = await getSessionPrivateKey(c);
  const actor = actorOf(c, deps);
  await recordAudit(
    deps.db,
    {
      actorId: actor.staffId,
      actorEmail: actor.email,
      action: options.print ? 'request.printed' : 'request.viewed',
      target: `request:${id}`,
      address: actor.address,
      details: {},
    },
    now,
  );
  let fields: RequestFields | null = null;
  const history = await listHistory(deps.db, id);
  const notes = new Map<string, string | null>();
  try {
    if (request.status !== 'purged') {
      fields = await openRequestFields(privateKey, request).catch(() => {
        deps.logger.warn({ requestId: id }, 'request did not open (altered or damaged)');
        return null;
      });
    }
    for (const note of history.notes) notes.set(note.id, await openNote(privateKey, note));
  } finally {
    privateKey.fill(0); // this request's copy only; the session keeps its sealed one
  }
  const clock = inboxClock(site, now);
  const index = await sessionIndex(c, deps, now);
  const filter = parseInboxFilter({ ...options.query, q: undefined });
  const searched = filter.s ? (index.searchOf(filter.s) ?? '') : '';
  const criteria = inboxCriteria(filter, {
    clock,
    staffId: c.get('staff').staffId,
    search: searchOf(index, searched),
    overdueArrivedBy: overdueArrivedBy(clock),
  });
  const [ids, members] = await Promise.all([listInboxIds(deps.db, criteria), listAssignableMembers(deps.db)]);
  const position = ids.indexOf(id);
  const { sealed: _sealed, ...meta } = request;
  return sendStaffPage(
    c,
    <RequestPage
      {...staffFrame(c, site)}
      request={meta}
      listed={listed(row, clock, {
        entry: null,
        alsoSent: index.duplicates.get(id) ?? [],
        waiting: formatWaiting,
      })}
      fields={fields}
      timeline={buildTimeline(history, notes)}
      deadline={clock.deadline(request.receivedAt)}
      nowLocal={toLocalInput(now, timeZone)}
      form={form}
      members={members}
      filterQuery={filterQuery({ ...filter, page: 1 })}
      previous={position > 0 ? (ids[position - 1] ?? null) : null}
      next={position >= 0 ? (ids[position + 1] ?? null) : null}
      print={options.print}
    />,
    status,
  );
}
