import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { HttpError } from '../../lib/http-error.ts';
import { getClinicPublicKey } from '../keys/index.ts';
import { parseCall, parseNote, parseStatusChoice } from './entries.ts';
import { actorOf, field, type InboxDeps } from './http.ts';
import { EMPTY_FORM, showRequest } from './request-view.tsx';
import {
  changeStatus,
  getSealedRequest,
  insertCallAttempt,
  insertNote,
  isRequestId,
  isStatus,
  sealNote,
  type WriteResult,
} from '../requests/index.ts';

/**
 * The request page and its three forms. Each POST validates, writes (with its audit entry) and
 * redirects back (303) to the section it came from; an invalid post shows the page again with
 * the error beside the field and what was typed kept.
 */

const back = (c: Context, id: string, done: string, section: string) =>
  c.redirect(`/staff/requests/${id}?done=${done}#${section}`, 303);

function requestId(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!isRequestId(id)) throw new HttpError(404, 'No such request.');
  return id;
}

/** After a write: done → back to the page; otherwise the reason as a page or an error. */
function afterWrite(
  c: Context,
  deps: InboxDeps,
  id: string,
  result: WriteResult,
  done: string,
  section: string,
) {
  if (result === 'done') return back(c, id, done, section);
  if (result === 'not-found') throw new HttpError(404, 'No such request.');
  // Purged meanwhile, or changed by someone else: show the request as it is now.
  return showRequest(c, deps, id, { ...EMPTY_FORM, conflict: result === 'conflict' }, 409);
}

const DONE = new Set(['status', 'call', 'note']);

/** GET /staff/requests/<id>: the request page (a `done` query shows the confirmation of a change). */
export function viewHandler(deps: InboxDeps) {
  return (c: Context) => {
    const done = c.req.query('done') ?? '';
    return showRequest(c, deps, requestId(c), {
      ...EMPTY_FORM,
      done: DONE.has(done) ? (done as 'status' | 'call' | 'note') : null,
    });
  };
}

/** POST …/status: moves the request to the chosen status, unless someone changed it meanwhile. */
export function statusHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const choice = parseStatusChoice(body.status);
    const current = field(body, 'current');
    if (!choice.ok)
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors: { status: choice.message } }, 422);
    if (!isStatus(current) || current === choice.value) return back(c, id, 'status', 'status-change');
    const result = await changeStatus(deps.db, {
      requestId: id,
      from: current,
      to: choice.value,
      actor: actorOf(c, deps),
      now: now(),
    });
    return afterWrite(c, deps, id, result, 'status', 'status-change');
  };
}

/** POST …/calls: logs a call attempt (outcome and clinic time). */
export function callHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const request = await getSealedRequest(deps.db, id);
    if (!request) throw new HttpError(404, 'No such request.');
    const at = now();
    const form = { outcome: body.outcome, calledAt: body['called-at'] };
    const call = parseCall(form, {
      now: at,
      timeZone: deps.publicSite.site.clinic.timeZone,
      receivedAt: request.receivedAt,
    });
    if (!call.ok) {
      const values = { outcome: field(body, 'outcome'), calledAt: field(body, 'called-at') };
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors: { [call.field]: call.message }, values }, 422);
    }
    const result = await insertCallAttempt(deps.db, {
      requestId: id,
      ...call.value,
      actor: actorOf(c, deps),
      now: at,
    });
    return afterWrite(c, deps, id, result, 'call', 'call');
  };
}

/** POST …/notes: seals the note to the clinic key (associated data: its id) and stores it. */
export function noteHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const note = parseNote(body.note);
    if (!note.ok) {
      return showRequest(
        c,
        deps,
        id,
        { ...EMPTY_FORM, errors: { note: note.message }, values: { note: field(body, 'note') } },
        422,
      );
    }
    const publicKey = await getClinicPublicKey(deps.db);
    if (!publicKey) throw new HttpError(503, 'Set-up is not complete.');
    const noteId = randomUUID();
    const sealed = await sealNote(publicKey, noteId, note.value);
    const result = await insertNote(deps.db, {
      noteId,
      requestId: id,
      sealed,
      actor: actorOf(c, deps),
      now: now(),
    });
    return afterWrite(c, deps, id, result, 'note', 'notes');
  };
}
