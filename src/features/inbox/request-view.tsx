import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { HttpError } from '../../lib/http-error.ts';
import { recordAudit } from '../audit/index.ts';
import { getSessionPrivateKey } from '../auth/index.ts';
import { responseDeadline } from '../intake/index.ts';
import { formatWaiting, toLocalInput } from './clinic-time.ts';
import { actorOf, type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import { RequestPage } from './pages/request-page.tsx';
import type { FormState } from './pages/work-forms.tsx';
import {
  getSealedRequest,
  listHistory,
  openNote,
  openRequestFields,
  type RequestFields,
} from '../requests/index.ts';
import { buildTimeline } from './timeline.ts';
import { isOverdue } from './workflow.ts';

export const EMPTY_FORM: FormState = { errors: {}, values: {}, done: null, conflict: false };

/**
 * Opens a request in this session and sends its page. Every time patient data is shown, the
 * view goes to the audit trail first: if that write fails, nothing is shown.
 */
export async function showRequest(
  c: Context,
  deps: InboxDeps,
  id: string,
  form: FormState = EMPTY_FORM,
  status: 200 | 409 | 422 = 200,
): Promise<Response> {
  const now = clockOf(deps)();
  const site = deps.publicSite.site;
  const { hours, timeZone, responseTargetBusinessHours } = site.clinic;
  const request = await getSealedRequest(deps.db, id);
  if (!request) throw new HttpError(404, 'No such request.');
  const privateKey = await getSessionPrivateKey(c);
  const actor = actorOf(c, deps);
  await recordAudit(
    deps.db,
    {
      actorId: actor.staffId,
      actorEmail: actor.email,
      action: 'request.viewed',
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
  const deadline = responseDeadline(request.receivedAt, hours, timeZone, responseTargetBusinessHours);
  const { sealed: _sealed, ...meta } = request;
  return sendStaffPage(
    c,
    <RequestPage
      {...staffFrame(c, site)}
      request={meta}
      fields={fields}
      timeline={buildTimeline(history, notes)}
      deadline={deadline}
      overdue={isOverdue(request.status, deadline, now)}
      waiting={request.status === 'new' ? formatWaiting(now.getTime() - request.receivedAt.getTime()) : null}
      nowLocal={toLocalInput(now, timeZone)}
      form={form}
    />,
    status,
  );
}
