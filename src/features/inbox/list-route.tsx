import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { recordAudit } from '../audit/index.ts';
import { canExport } from '../auth/index.ts';
import { formatWaiting } from './clinic-time.ts';
import { actorOf, type InboxDeps } from './http.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { staffFrame } from '../auth/index.ts';
import {
  filterQuery,
  PAGE_SIZE,
  parseInboxFilter,
  parseReferenceQuery,
  QUERY_MAX,
  type InboxFilter,
} from './inbox-filter.ts';
import { InboxPage } from './pages/inbox-page.tsx';
import { getRequestIdByReference, listAssignableMembers, listInboxPage } from '../requests/index.ts';
import { inboxClock, inboxCriteria, listed, searchOf, untriedOverdue } from './listing.ts';
import { sessionIndex, sessionSearches } from './session-index.ts';

/** Messages a redirect to the inbox may ask for (by code: URLs never carry text). */
const NOTICES: Record<string, string> = {
  'nothing-to-export': 'Choose at least one request to export, or export all that match the filters.',
  'nothing-opened': 'None of the chosen requests could be opened for export.',
  'nothing-chosen': 'Choose at least one request, and a status or a person, then apply.',
  'search-ended': 'That search has ended (you signed in again, or it was on another server). Search again.',
  'bulk-not-member': 'That person cannot be assigned requests. Nothing was changed.',
};

/**
 * A search arrives as typed (GET /staff/?q=…, or the search form's POST): a whole request number
 * found goes straight to its request (a coordinator on the phone); anything else is kept in the
 * session's index under an opaque token, and the list is shown at ?s=<token>, so what was typed
 * (a name, a phone number) never stays in a URL, the browser's history or a log.
 */
async function searchRedirect(c: Context, deps: InboxDeps, query: Record<string, string | undefined>) {
  const filter = parseInboxFilter({ ...query, page: '1' });
  const reference = parseReferenceQuery(filter.q);
  if (reference?.complete) {
    const id = await getRequestIdByReference(deps.db, reference.reference);
    if (id) return c.redirect(`/staff/requests/${id}`, 303);
  }
  const searches = await sessionSearches(c, deps, clockOf(deps)());
  const token = filter.q ? searches.remember(filter.q) : '';
  searches.save();
  return c.redirect(`/staff/${filterQuery({ ...filter, q: '', s: token })}`, 303);
}

/**
 * What a list of the inbox means: its view, filters and search (the token's query, from the
 * session's index), as the list and the export of "all that match" both read it. Null when the
 * search token is unknown here (the session signed in again, or another instance).
 */
export async function listCriteria(c: Context, deps: InboxDeps, filter: InboxFilter, at: Date) {
  const clock = inboxClock(deps.publicSite.site, at);
  const index = await sessionIndex(c, deps, at);
  const searched = filter.s ? index.searchOf(filter.s) : '';
  if (searched === null) return null;
  const overdue = await untriedOverdue(deps.db, clock);
  const criteria = inboxCriteria(filter, {
    clock,
    staffId: c.get('staff').staffId,
    search: searchOf(index, searched),
    overdueArrivedBy: overdue.arrivedBy,
  });
  return { clock, index, searched, criteria, overdue };
}

/**
 * GET /staff/: the inbox. Its rows' patient details come from the session's search index (the
 * search entries, opened once a session); showing them is audited like a view, by request id.
 */
export function listHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const query = c.req.query();
    if (query.q !== undefined) return searchRedirect(c, deps, query);
    const started = performance.now();
    const at = now();
    const site = deps.publicSite.site;
    const staff = c.get('staff');
    const filter = parseInboxFilter(query);
    const list = await listCriteria(c, deps, filter, at);
    if (!list) {
      const rest = filterQuery({ ...filter, s: '', page: 1 });
      return c.redirect(`/staff/${rest ? `${rest}&` : '?'}notice=search-ended`, 303);
    }
    const { clock, index, searched, criteria, overdue } = list;
    const [{ rows, total }, members] = await Promise.all([
      listInboxPage(deps.db, criteria, { size: PAGE_SIZE, page: filter.page }),
      listAssignableMembers(deps.db),
    ]);
    const entries = await index.entries(rows.map((row) => row.id));
    const shown = rows.map((row) =>
      listed(row, clock, {
        entry: entries.get(row.id) ?? null,
        alsoSent: index.duplicates.get(row.id) ?? [],
        waiting: formatWaiting,
      }),
    );
    if (shown.length > 0) {
      const actor = actorOf(c, deps);
      await recordAudit(
        deps.db,
        {
          actorId: actor.staffId,
          actorEmail: actor.email,
          action: 'requests.listed',
          target: null,
          address: actor.address,
          details: {
            count: shown.length,
            requests: shown.map((r) => r.id).join(','),
            searched: Boolean(searched),
          },
        },
        at,
      );
    }
    c.header('Server-Timing', `inbox;dur=${(performance.now() - started).toFixed(1)}`);
    return sendStaffPage(
      c,
      <InboxPage
        {...staffFrame(c, site)}
        filter={filter}
        searched={searched}
        rows={shown}
        total={total}
        pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        overdueCount={overdue.count}
        responseTargetHours={site.clinic.responseTargetBusinessHours}
        canExport={canExport(staff.role)}
        members={members}
        notice={noticeOf(c.req.query('notice'), c.req.query('changed'))}
      />,
    );
  };
}

function noticeOf(code: string | undefined, changed: string | undefined): string | null {
  if (code === 'bulk-done') {
    const n = Number(changed);
    const count = Number.isInteger(n) && n >= 0 ? n : 0;
    return count === 0
      ? 'Nothing needed changing.'
      : `${count} ${count === 1 ? 'request' : 'requests'} changed.`;
  }
  return NOTICES[code ?? ''] ?? null;
}

/** POST /staff/search: the search form (what was typed goes in the body, never the URL). */
export function searchHandler(deps: InboxDeps) {
  return async (c: Context) => {
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    return searchRedirect(c, deps, {
      q: (text('q') ?? '').slice(0, QUERY_MAX),
      view: text('view'),
      sort: text('sort'),
      status: text('status'),
      locale: text('locale'),
      age: text('age'),
    });
  };
}
