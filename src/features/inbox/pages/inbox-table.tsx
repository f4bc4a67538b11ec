import { STATUS_LABEL, type Status } from '../../requests/index.ts';
import { When } from './parts.tsx';

/** A row of the inbox: clear metadata and what the list works out from it. */
export type ListedRequest = {
  id: string;
  reference: string;
  receivedAt: Date;
  locale: 'en' | 'es';
  status: Status;
  /** "3 h 20 min" while the request is new; null once someone answered. */
  waiting: string | null;
  overdue: boolean;
};

const LANGUAGE: Record<'en' | 'es', string> = { en: 'English', es: 'Spanish' };

/**
 * The requests as a table that scrolls inside its own box on a phone. With `selectable`, each
 * row has a checkbox named `id` for the export form around it.
 */
export function InboxTable({
  rows,
  timeZone,
  selectable,
}: {
  rows: ListedRequest[];
  timeZone: string;
  selectable: boolean;
}) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="results" tabindex={0}>
      <table>
        <caption class="visually-hidden">Requests, newest first</caption>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <span class="visually-hidden">Choose for export</span>
              </th>
            ) : null}
            <th scope="col">Request</th>
            <th scope="col">Received</th>
            <th scope="col">Language</th>
            <th scope="col">Status</th>
            <th scope="col">Waiting</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={row.overdue ? 'overdue' : undefined}>
              {selectable ? (
                <td>
                  <input
                    type="checkbox"
                    name="id"
                    value={row.id}
                    id={`pick-${row.id}`}
                    aria-label={`Choose ${row.reference}`}
                  />
                </td>
              ) : null}
              <th scope="row">
                <a href={`/staff/requests/${row.id}`}>{row.reference}</a>
              </th>
              <td>
                <When at={row.receivedAt} timeZone={timeZone} />
              </td>
              <td>{LANGUAGE[row.locale]}</td>
              <td>{STATUS_LABEL[row.status]}</td>
              <td>
                {row.waiting ?? (
                  <>
                    <span aria-hidden="true">–</span>
                    <span class="visually-hidden">Not waiting</span>
                  </>
                )}
                {row.overdue ? (
                  <>
                    {' '}
                    <strong class="overdue">Overdue</strong>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
