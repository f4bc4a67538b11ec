import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { HttpError } from '../../lib/http-error.ts';
import { getClinicPublicKey } from '../keys/index.ts';
import { parseContact, parseNote, parseStatusChoice } from './entries.ts';
import { actorOf, field, type InboxDeps } from './http.ts';
import { EMPTY_FORM, showRequest, type ViewOptions } from './request-view.tsx';
import {
  assignRequest,
  changeStatus,
  getSealedRequest,
  insertNote,
  isRequestId,
  isStatus,
  logContact,
  sealNote,
  STATUS_LABEL,
  type WriteResult,
} from '../requests/index.ts';

/**
 * The request page and its forms (log contact, status, assign, note). Each POST validates,
 * writes (with one audit entry per change) and redirects back (303) to the section it came from,
 * keeping the inbox's filters; an invalid post shows the page again with the error beside the
 * field and what was typed kept.
 */

/** The inbox's query string a form carries back ("?view=due&s=…"): only the list's own keys. */
function returnQuery(body: Record<string, unknown>): string {
  const value = field(body, 'return');
  return /^\?[A-Za-z0-9_\-=&%.]*$/.test(value) && value.length <= 300 ? value : '';
}

const queryOf = (back: string) => Object.fromEntries(new URLSearchParams(back));

const back = (c: Context, id: string, done: string, section: string, query = '') =>
  c.redirect(`/staff/requests/${id}${query ? `${query}&` : '?'}done=${done}#${section}`, 303);

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
  query: string,
) {
  if (result === 'done') return back(c, id, done, section, query);
  if (result === 'not-found') throw new HttpError(404, 'No such request.');
  // Purged meanwhile, or changed by someone else: show the request as it is now.
  const view: ViewOptions = { query: queryOf(query), print: false };
  return showRequest(c, deps, id, { ...EMPTY_FORM, conflict: result === 'conflict' }, 409, view);
}

const DONE = new Set(['status', 'contact', 'note', 'assignee']);
const CONTACT_DONE: Record<string, string> = {
  contacted: `Contact logged. Status is now ${STATUS_LABEL.contacted}.`,
};

/**
 * GET /staff/requests/<id>: the request page (a `done` query shows the confirmation of a change;
 * `print=1` the print view, audited as a print).
 */
export function viewHandler(deps: InboxDeps) {
  return (c: Context) => {
    const { done = '', print, moved, ...query } = c.req.query();
    return showRequest(
      c,
      deps,
      requestId(c),
      {
        ...EMPTY_FORM,
        done: DONE.has(done) ? (done as 'status' | 'contact' | 'note' | 'assignee') : null,
        ...(moved && CONTACT_DONE[moved] ? { doneText: CONTACT_DONE[moved] } : {}),
      },
      200,
      { query, print: print === '1' },
    );
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
    const query = returnQuery(body);
    const view: ViewOptions = { query: queryOf(query), print: false };
    if (!choice.ok)
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors: { status: choice.message } }, 422, view);
    if (!isStatus(current) || current === choice.value) return back(c, id, 'status', 'status-change', query);
    const result = await changeStatus(deps.db, {
      requestId: id,
      from: current,
      to: choice.value,
      actor: actorOf(c, deps),
      now: now(),
    });
    return afterWrite(c, deps, id, result, 'status', 'status-change', query);
  };
}

/**
 * POST …/contacts: logs a contact attempt, its optional note (sealed) and next follow-up, and
 * moves a reached patient from New to Contacted: one post, one audit entry per change.
 */
export function contactHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const query = returnQuery(body);
    const request = await getSealedRequest(deps.db, id);
    if (!request) throw new HttpError(404, 'No such request.');
    const at = now();
    const form = {
      kind: body.kind,
      calledAt: body['called-at'],
      note: body.note,
      followUp: body['follow-up'],
    };
    const entry = parseContact(form, {
      now: at,
      timeZone: deps.publicSite.site.clinic.timeZone,
      receivedAt: request.receivedAt,
    });
    if (!entry.ok) {
      const values = {
        kind: field(body, 'kind'),
        calledAt: field(body, 'called-at'),
        contactNote: field(body, 'note'),
        followUp: field(body, 'follow-up'),
      };
      const view: ViewOptions = { query: queryOf(query), print: false };
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors: entry.errors, values }, 422, view);
    }
    let note: { noteId: string; sealed: Uint8Array } | null = null;
    if (entry.value.note !== null) {
      const publicKey = await getClinicPublicKey(deps.db);
      if (!publicKey) throw new HttpError(503, 'Set-up is not complete.');
      const noteId = randomUUID();
      note = { noteId, sealed: await sealNote(publicKey, noteId, entry.value.note) };
    }
    const { note: _text, ...contact } = entry.value;
    const result = await logContact(deps.db, {
      requestId: id,
      ...contact,
      note,
      actor: actorOf(c, deps),
      now: at,
    });
    if (result.result !== 'done') return afterWrite(c, deps, id, result.result, 'contact', 'contact', query);
    const moved = result.status !== request.status ? `moved=${result.status}` : '';
    const onward = moved ? `${query ? `${query}&` : '?'}${moved}` : query;
    return back(c, id, 'contact', 'contact', onward);
  };
}

/** POST …/assignee: assigns the request to a coordinator or admin, or to nobody; audited. */
export function assignHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const query = returnQuery(body);
    const chosen = field(body, 'assignee');
    const staffId = chosen === 'nobody' ? null : isRequestId(chosen) ? chosen : undefined;
    if (staffId === undefined) {
      const view: ViewOptions = { query: queryOf(query), print: false };
      const errors = { assignee: 'Choose a member from the list, or Nobody.' };
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors }, 422, view);
    }
    const result = await assignRequest(deps.db, {
      requestId: id,
      staffId,
      actor: actorOf(c, deps),
      now: now(),
    });
    if (result === 'conflict') {
      const view: ViewOptions = { query: queryOf(query), print: false };
      const errors = { assignee: 'That member cannot be assigned requests. Choose another.' };
      return showRequest(c, deps, id, { ...EMPTY_FORM, errors }, 422, view);
    }
    return afterWrite(c, deps, id, result, 'assignee', 'assign', query);
  };
}

/** POST …/notes: seals the note to the clinic key (associated data: its id) and stores it. */
export function noteHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const id = requestId(c);
    const body = await c.req.parseBody();
    const query = returnQuery(body);
    const note = parseNote(body.note);
    if (!note.ok) {
      return showRequest(
        c,
        deps,
        id,
        { ...EMPTY_FORM, errors: { note: note.message }, values: { note: field(body, 'note') } },
        422,
        { query: queryOf(query), print: false },
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
    return afterWrite(c, deps, id, result, 'note', 'notes', query);
  };
}
