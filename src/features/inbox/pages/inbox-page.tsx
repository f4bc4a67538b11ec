import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame as Frame } from '../../auth/index.ts';
import {
  AGE_LABEL,
  AGES,
  DEFAULT_FILTER,
  filterQuery,
  PAGE_SIZE,
  QUERY_MAX,
  SORT_LABEL,
  VIEW_LABEL,
  type InboxFilter,
} from '../inbox-filter.ts';
import { INBOX_SORTS, INBOX_VIEWS, STATUS_LABEL, WORK_STATUSES, type Status } from '../../requests/index.ts';
import type { ListedRequest } from '../listing.ts';
import { RequestList } from './request-list.tsx';
import { Pagination, SelectField } from './parts.tsx';

export type InboxPageProps = Frame & {
  filter: InboxFilter;
  /** What the search looked for ('' without one): shown back, never put in a link. */
  searched: string;
  rows: ListedRequest[];
  total: number;
  pageCount: number;
  /** New requests nobody tried that are past the response target, across the whole inbox. */
  overdueCount: number;
  responseTargetHours: number;
  canExport: boolean;
  /** Who requests may be assigned to. */
  members: { id: string; email: string }[];
  /** A message after a redirect, like "nothing to export". */
  notice: string | null;
};

const LANGUAGE_OPTIONS: [string, string][] = [
  ['any', 'Any language'],
  ['en', 'English'],
  ['es', 'Spanish'],
];

/** GET /staff/: views, search, filters, the requests as cards, bulk actions and pages. */
export function InboxPage(props: InboxPageProps) {
  const { filter, total, rows } = props;
  const first = (filter.page - 1) * PAGE_SIZE + 1;
  const statusOptions: [string, string][] = [
    ['any', 'Any status'],
    ...[...WORK_STATUSES, 'purged' as Status].map((s): [string, string] => [s, STATUS_LABEL[s]]),
  ];
  const here = filterQuery(filter);
  const filtered = filterQuery({ ...filter, view: 'open', sort: 'waiting', page: 1 }) !== '';
  const narrowed = (['sort', 'status', 'locale', 'age'] as const).some(
    (key) => filter[key] !== DEFAULT_FILTER[key],
  );
  return (
    <StaffLayout site={props.site} staff={props.staff} csrf={props.csrf} title="Inbox" current="inbox">
      <h1>Inbox</h1>
      {props.notice ? (
        <div class="notice" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.overdueCount > 0 ? (
        <div class="notice overdue-notice">
          <p>
            <strong class="overdue">{`${props.overdueCount} new ${props.overdueCount === 1 ? 'request has' : 'requests have'} waited`}</strong>
            {` longer than the response target (${props.responseTargetHours} business hours) with no one trying yet. `}
            <a href="/staff/?view=due">Show what is due today</a>
          </p>
        </div>
      ) : null}
      <nav class="views" aria-label="Views">
        <ul>
          {INBOX_VIEWS.map((view) => (
            <li>
              <a
                href={`/staff/${filterQuery({ ...filter, view, status: 'any', page: 1 })}`}
                aria-current={filter.view === view && filter.status === 'any' ? 'page' : undefined}
              >
                {VIEW_LABEL[view]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form
        method="post"
        action="/staff/search"
        class="filters"
        role="search"
        aria-label="Find and filter requests"
      >
        <CsrfField value={props.csrf} />
        <input type="hidden" name="view" value={filter.view} />
        <div class="field search-field">
          <label for="q">Search</label>
          <p class="hint" id="q-hint">
            Name or part of it, phone, e-mail or request number (like 7K3M-Q8ZD).
          </p>
          <div class="search-row">
            <input
              type="search"
              id="q"
              name="q"
              value={props.searched}
              maxlength={QUERY_MAX}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="q-hint"
            />
            <button type="submit" class="button">
              Search
            </button>
          </div>
        </div>
        <div class="filter-row">
          {/* Folded, so a phone shows the first request on its first screen; open while one is set. */}
          <details class="more-filters" open={narrowed || undefined}>
            <summary>Order and filters</summary>
            <div class="filter-fields">
              <SelectField
                id="sort"
                label="Order"
                value={filter.sort}
                options={INBOX_SORTS.map((s) => [s, SORT_LABEL[s]])}
              />
              <SelectField id="status" label="Status" value={filter.status} options={statusOptions} />
              <SelectField
                id="locale"
                label="Form language"
                value={filter.locale}
                options={LANGUAGE_OPTIONS}
              />
              <SelectField
                id="age"
                label="Received"
                value={filter.age}
                options={AGES.map((a) => [a, AGE_LABEL[a]])}
              />
            </div>
            <button type="submit" class="button secondary">
              Apply the filters
            </button>
          </details>
          {filtered ? (
            <a href={`/staff/${filterQuery({ ...DEFAULT_FILTER, view: filter.view })}`}>Clear all</a>
          ) : null}
        </div>
      </form>
      <h2 id="results">
        {`${VIEW_LABEL[filter.status === 'any' ? filter.view : 'all']}: `}
        {total === 0
          ? 'no requests match'
          : `${total} ${total === 1 ? 'request' : 'requests'}${total > rows.length ? `, showing ${first} to ${first + rows.length - 1}` : ''}`}
        {props.searched ? ` for “${props.searched}”` : ''}
      </h2>
      {rows.length === 0 ? (
        <p>{filtered ? 'Try another search or other filters, or clear them.' : 'Nothing here right now.'}</p>
      ) : (
        <form method="post" action="/staff/bulk" class="bulk">
          <CsrfField value={props.csrf} />
          <input type="hidden" name="return" value={here} />
          {/* The list as shown (its search by token), for "Export all": the same rows as every page. */}
          {(['view', 'sort', 's', 'status', 'locale', 'age'] as const).map((name) => (
            <input type="hidden" name={name} value={String(filter[name])} />
          ))}
          <RequestList rows={rows} timeZone={props.site.clinic.timeZone} selectable filterQuery={here} />
          <fieldset class="bulk-actions">
            <legend>Change the chosen requests</legend>
            <SelectField
              id="bulk-status"
              label="Status"
              value=""
              options={[
                ['', 'Keep as it is'],
                ...WORK_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s]]),
              ]}
            />
            <SelectField
              id="bulk-assignee"
              label="Assign to"
              value=""
              options={[
                ['', 'Keep as it is'],
                ['nobody', 'Nobody'],
                ...props.members.map((m): [string, string] => [m.id, m.email]),
              ]}
            />
            <button type="submit" class="button">
              Apply to chosen
            </button>
          </fieldset>
          {props.canExport ? (
            <>
              <p>
                <label>
                  <input type="checkbox" name="history" value="yes" /> Include contact history and notes
                </label>
              </p>
              <p>
                <button type="submit" name="scope" value="selected" class="button" formaction="/staff/export">
                  Export chosen as CSV
                </button>
                <button
                  type="submit"
                  name="scope"
                  value="filtered"
                  class="button secondary"
                  formaction="/staff/export"
                >
                  {`Export all ${total} as CSV`}
                </button>
              </p>
              <p class="hint">
                The file holds patient details in clear: keep it on an encrypted disk and delete it after use.
              </p>
            </>
          ) : null}
        </form>
      )}
      <Pagination
        page={filter.page}
        pageCount={props.pageCount}
        hasNext={filter.page < props.pageCount}
        href={(page) => `/staff/${filterQuery(filter, page)}`}
        label="Pages of requests"
        words={['Previous page', 'Next page']}
      />
    </StaffLayout>
  );
}
