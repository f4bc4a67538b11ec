import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame as Frame } from '../../auth/index.ts';
import { AGE_LABEL, AGES, filterQuery, PAGE_SIZE, type InboxFilter } from '../inbox-filter.ts';
import { STATUS_LABEL, WORK_STATUSES, type Status } from '../../requests/index.ts';
import { InboxTable, type ListedRequest } from './inbox-table.tsx';
import { Pagination, SelectField } from './parts.tsx';

export type InboxPageProps = Frame & {
  filter: InboxFilter;
  rows: ListedRequest[];
  total: number;
  pageCount: number;
  /** New requests past the response target, across the whole inbox. */
  overdueCount: number;
  responseTargetHours: number;
  canExport: boolean;
  /** A message after a redirect, like "nothing to export". */
  notice: string | null;
};

const LANGUAGE_OPTIONS: [string, string][] = [
  ['any', 'Any language'],
  ['en', 'English'],
  ['es', 'Spanish'],
];

/** GET /staff/: the requests, newest first, with filters, search by number and pages. */
export function InboxPage(props: InboxPageProps) {
  const { filter, total, rows } = props;
  const first = (filter.page - 1) * PAGE_SIZE + 1;
  const statusOptions: [string, string][] = [
    ['any', 'Any status'],
    ...[...WORK_STATUSES, 'purged' as Status].map((s): [string, string] => [s, STATUS_LABEL[s]]),
  ];
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
            {` longer than the response target (${props.responseTargetHours} business hours). `}
            <a href="/staff/?status=new">Show new requests</a>
          </p>
        </div>
      ) : null}
      <form method="get" action="/staff/" class="filters" role="search" aria-label="Find and filter requests">
        <div class="field">
          <label for="q">Request number</label>
          <p class="hint" id="q-hint">
            Like 7K3M-Q8ZD, or its first characters.
          </p>
          <input
            type="text"
            id="q"
            name="q"
            value={filter.q}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="q-hint"
          />
        </div>
        <SelectField id="status" label="Status" value={filter.status} options={statusOptions} />
        <SelectField id="locale" label="Form language" value={filter.locale} options={LANGUAGE_OPTIONS} />
        <SelectField
          id="age"
          label="Received"
          value={filter.age}
          options={AGES.map((a) => [a, AGE_LABEL[a]])}
        />
        <button type="submit" class="button">
          Show requests
        </button>
        {filterQuery({ ...filter, page: 1 }) ? <a href="/staff/">Clear filters</a> : null}
      </form>
      <h2 id="results">
        {total === 0
          ? 'No requests match'
          : `${total} ${total === 1 ? 'request' : 'requests'}${total > rows.length ? `, showing ${first} to ${first + rows.length - 1}` : ''}`}
      </h2>
      {rows.length === 0 ? (
        <p>
          {filterQuery({ ...filter, page: 1 })
            ? 'Try other filters, or clear them.'
            : 'No requests have arrived yet.'}
        </p>
      ) : props.canExport ? (
        <form method="post" action="/staff/export">
          <CsrfField value={props.csrf} />
          {(['status', 'locale', 'age', 'q'] as const).map((name) => (
            <input type="hidden" name={name} value={String(filter[name])} />
          ))}
          <InboxTable rows={rows} timeZone={props.site.clinic.timeZone} selectable />
          <p>
            <label>
              <input type="checkbox" name="history" value="yes" /> Include contact history and notes
            </label>
          </p>
          <p>
            <button type="submit" name="scope" value="selected" class="button">
              Export chosen as CSV
            </button>
            <button type="submit" name="scope" value="filtered" class="button secondary">
              {`Export all ${total} as CSV`}
            </button>
          </p>
          <p class="hint">
            The file holds patient details in clear: keep it on an encrypted disk and delete it after use.
          </p>
        </form>
      ) : (
        <InboxTable rows={rows} timeZone={props.site.clinic.timeZone} selectable={false} />
      )}
      <Pagination
        page={filter.page}
        pageCount={props.pageCount}
        hasNext={filter.page < props.pageCount}
        href={(page) => `/staff/${filterQuery(filter, page)}`}
        label="Pages of requests"
      />
    </StaffLayout>
  );
}
