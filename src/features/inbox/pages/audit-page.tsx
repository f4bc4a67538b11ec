import { StaffLayout } from '../../../ui/staff-layout.tsx';
import type { AuditEntry } from '../../audit/index.ts';
import { auditQuery, type AuditViewFilter } from '../audit-filter.ts';
import type { StaffFrame as Frame } from '../../auth/index.ts';
import { actionWords } from '../audit-names.ts';
import { Pagination, SelectField, When } from './parts.tsx';

export type AuditPageProps = Frame & {
  filter: AuditViewFilter;
  entries: AuditEntry[];
  hasNext: boolean;
  members: { id: string; email: string }[];
  actions: string[];
  /** The request number of each request named in these entries, by id. */
  references: Map<string, string>;
};

/** "request:3f2a…" links to the request; other targets are shown as they are. */
function Target(props: {
  target: string | null;
  references: Map<string, string>;
  emails: Map<string, string>;
}) {
  const { target } = props;
  if (!target) return null;
  const request = /^request:([0-9a-f-]{36})$/.exec(target)?.[1];
  if (request)
    return (
      <a
        href={`/staff/requests/${request}`}
      >{`Request ${props.references.get(request) ?? request.slice(0, 8)}`}</a>
    );
  const member = /^staff:([0-9a-f-]{36})$/.exec(target)?.[1];
  return <>{member ? (props.emails.get(member) ?? target) : target}</>;
}

/** The details as "key: value; …", cut short (an export lists every request id it held). */
function detailsText(details: AuditEntry['details']): string {
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('; ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** GET /staff/audit: who did what, when, from where. Nothing here is patient data. */
export function AuditPage(props: AuditPageProps) {
  const { filter } = props;
  const timeZone = props.site.clinic.timeZone;
  const emails = new Map(props.members.map((m) => [m.id, m.email]));
  return (
    <StaffLayout site={props.site} staff={props.staff} csrf={props.csrf} title="Audit trail" current="audit">
      <h1>Audit trail</h1>
      <p>
        Every sign-in, request view, change, export and purge, newest first. Entries are chained by hash;{' '}
        <code>npm run clinic -- audit verify</code> checks that none was altered or removed.
      </p>
      <form
        method="get"
        action="/staff/audit"
        class="filters"
        role="search"
        aria-label="Filter the audit trail"
      >
        <SelectField
          id="actor"
          label="Who"
          value={filter.actor}
          options={[['', 'Anyone'], ...props.members.map((m): [string, string] => [m.id, m.email])]}
        />
        <SelectField
          id="action"
          label="What"
          value={filter.action}
          options={[['', 'Any action'], ...props.actions.map((a): [string, string] => [a, actionWords(a)])]}
        />
        <div class="field">
          <label for="from">From (clinic date)</label>
          <input type="date" id="from" name="from" value={filter.from} />
        </div>
        <div class="field">
          <label for="to">To (clinic date, included)</label>
          <input type="date" id="to" name="to" value={filter.to} />
        </div>
        <button type="submit" class="button">
          Show entries
        </button>
        <a href="/staff/audit">Clear filters</a>
      </form>
      <p>
        <a href={`/staff/audit/export${auditQuery(filter, 1)}`} download>
          Download these entries as CSV
        </a>
      </p>
      <h2 id="entries">{props.entries.length === 0 ? 'No entries match' : 'Entries'}</h2>
      {props.entries.length === 0 ? null : (
        <div class="table-scroll" role="region" aria-labelledby="entries" tabindex={0}>
          <table>
            <caption class="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">From</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td>{e.id}</td>
                  <td>
                    <When at={e.at} timeZone={timeZone} />
                  </td>
                  <td>{e.actorEmail ?? 'system'}</td>
                  <td>{actionWords(e.action)}</td>
                  <td>
                    <Target target={e.target} references={props.references} emails={emails} />
                  </td>
                  <td>{e.address ?? ''}</td>
                  <td class="wrap-anywhere">{detailsText(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={filter.page}
        hasNext={props.hasNext}
        href={(page) => `/staff/audit${auditQuery(filter, page)}`}
        label="Pages of the audit trail"
      />
    </StaffLayout>
  );
}
