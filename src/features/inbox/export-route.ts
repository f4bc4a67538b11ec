import type { Context } from 'hono';
import { clockOf } from '../../lib/clock.ts';
import { recordAudit } from '../audit/index.ts';
import { getSessionPrivateKey } from '../auth/index.ts';
import { actorOf, type InboxDeps } from './http.ts';
import { filterQuery, parseInboxFilter } from './inbox-filter.ts';
import {
  buildExportCsv,
  isRequestId,
  listInboxIds,
  listRequestsToExport,
  WEB_EXPORT_LIMIT,
} from '../requests/index.ts';
import { listCriteria } from './list-route.tsx';
import { getPreferences } from '../staff/index.ts';
import type { InboxFilter } from './inbox-filter.ts';

/** What the admin chose: ticked requests, or everything the inbox list matches. */
type ExportChoice = { ids: string[] } | { filter: InboxFilter };

/**
 * The chosen requests from the inbox's export form: ticked ids, or the list it was showing (its
 * view, order, search token and filters, so "all" means every row of that list on every page).
 */
function readChoice(body: Record<string, string | File | (string | File)[]>): ExportChoice {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  if (text('scope') === 'filtered') {
    return {
      filter: parseInboxFilter({
        view: text('view'),
        sort: text('sort'),
        s: text('s'),
        status: text('status'),
        locale: text('locale'),
        age: text('age'),
      }),
    };
  }
  const raw = body.id;
  const ids = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string' && isRequestId(v),
  );
  return { ids: [...new Set(ids)] };
}

/**
 * POST /staff/export (admins): the chosen requests, opened in the session, as a CSV download.
 * The export is written to the audit trail (which requests, how many) before the file is sent.
 */
export function exportHandler(deps: InboxDeps) {
  const now = clockOf(deps);
  return async (c: Context) => {
    const at = now();
    const body = await c.req.parseBody({ all: true });
    const choice = readChoice(body);
    const back = (notice: string) => {
      const filter = 'filter' in choice ? choice.filter : parseInboxFilter({});
      const query = filterQuery({ ...filter, s: notice === 'search-ended' ? '' : filter.s, page: 1 });
      return c.redirect(`/staff/${query ? `${query}&` : '?'}notice=${notice}`, 303);
    };
    if ('ids' in choice && choice.ids.length === 0) return back('nothing-to-export');
    let ids: string[];
    if ('ids' in choice) ids = choice.ids;
    else {
      const list = await listCriteria(c, deps, choice.filter, at);
      if (!list) return back('search-ended');
      ids = (await listInboxIds(deps.db, list.criteria)).slice(0, WEB_EXPORT_LIMIT);
    }
    // In the list's order (the export query reads them oldest first).
    const order = new Map(ids.map((id, i) => [id, i]));
    const rows = (await listRequestsToExport(deps.db, { ids }, WEB_EXPORT_LIMIT)).sort(
      (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
    if (rows.length === 0) return back('nothing-to-export');
    const withHistory = body.history === 'yes';
    const { locale } = await getPreferences(deps.db, c.get('staff').staffId);
    const privateKey = await getSessionPrivateKey(c);
    let result: Awaited<ReturnType<typeof buildExportCsv>>;
    try {
      // With a byte-order mark, so spreadsheet programs read accented names right.
      result = await buildExportCsv(deps.db, privateKey, rows, {
        locale,
        timeZone: deps.publicSite.site.clinic.timeZone,
        withHistory,
        bom: true,
      });
    } finally {
      privateKey.fill(0);
    }
    if (result.ids.length === 0) return back('nothing-opened');
    if (result.unopened.length > 0) {
      deps.logger.warn({ unopened: result.unopened }, 'requests left out of an export: they did not open');
    }
    const actor = actorOf(c, deps);
    await recordAudit(
      deps.db,
      {
        actorId: actor.staffId,
        actorEmail: actor.email,
        action: 'requests.exported',
        target: null,
        address: actor.address,
        details: {
          format: 'csv',
          scope: 'ids' in choice ? 'chosen' : 'filtered',
          count: result.ids.length,
          requests: result.ids.join(','),
          unopened: result.unopened.length,
          history: withHistory ? 'yes' : 'no',
        },
      },
      at,
    );
    const day = at.toISOString().slice(0, 10);
    return c.body(result.csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="requests-${day}.csv"`,
      'Cache-Control': 'no-store',
    });
  };
}
