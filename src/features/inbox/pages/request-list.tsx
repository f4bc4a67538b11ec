import { fieldSpec, STATUS_LABEL, type SearchEntry } from '../../requests/index.ts';
import type { ListedRequest } from '../listing.ts';
import { AlsoSent, LastContactText, PatientName, PhoneLink, When } from './parts.tsx';

const FORM_LANGUAGE: Record<'en' | 'es', string> = { en: 'English', es: 'Spanish' };

/** How and when the patient asked to be reached: "Phone call, morning". */
export function preferenceText(entry: SearchEntry): string {
  const method = fieldSpec('contact-method').options?.[entry.contactMethod]?.en ?? entry.contactMethod;
  const time = fieldSpec('best-time').options?.[entry.bestTime]?.en ?? entry.bestTime;
  return `${method}, ${time.toLowerCase()}`;
}

/** The patient's preferred language, or the form's when the details did not open. */
export function languageText(entry: SearchEntry | null, locale: 'en' | 'es'): string {
  if (!entry) return `${FORM_LANGUAGE[locale]} form`;
  if (entry.language === 'other') return entry.languageOther ?? 'Another language';
  return entry.language === 'es' ? 'Spanish' : 'English';
}

/**
 * The requests as cards: one per request, its facts stacked on a phone and side by side on a
 * wide screen, so nothing ever scrolls sideways. With `selectable`, each has a checkbox named
 * `id` for the bulk and export form around it.
 */
export function RequestList(props: {
  rows: ListedRequest[];
  timeZone: string;
  selectable: boolean;
  /** The list's filters, carried to each request (previous / next, back to the inbox). */
  filterQuery: string;
}) {
  const { timeZone } = props;
  return (
    <ol class="request-list" aria-labelledby="results">
      {props.rows.map((row) => (
        <li class={row.overdue ? 'request-card overdue' : 'request-card'}>
          <div class="card-head">
            {props.selectable ? (
              <input
                type="checkbox"
                name="id"
                value={row.id}
                id={`pick-${row.id}`}
                aria-label={`Choose ${row.reference}`}
              />
            ) : null}
            <h3>
              <a href={`/staff/requests/${row.id}${props.filterQuery}`}>
                <PatientName entry={row.entry} reference={row.reference} />
              </a>
            </h3>
            <span class="reference">{row.reference}</span>
          </div>
          <dl class="card-facts">
            <div>
              <dt>Phone</dt>
              <dd>
                <PhoneLink tel={row.entry?.tel ?? null} />
              </dd>
            </div>
            <div>
              <dt>Prefers</dt>
              <dd>{row.entry ? preferenceText(row.entry) : 'Not known'}</dd>
            </div>
            <div>
              <dt>Language</dt>
              <dd>{languageText(row.entry, row.locale)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd class="status">{STATUS_LABEL[row.status]}</dd>
            </div>
            <div>
              <dt>Waiting</dt>
              <dd>
                {row.waiting ?? 'Answered'}
                {row.overdue ? <strong class="overdue"> Overdue</strong> : null}
              </dd>
            </div>
            <div>
              <dt>Last contact</dt>
              <dd>
                <LastContactText contact={row.lastContact} timeZone={timeZone} />
              </dd>
            </div>
            <div>
              <dt>Assigned to</dt>
              <dd>{row.assignee ?? 'Nobody'}</dd>
            </div>
            <div>
              <dt>Next follow-up</dt>
              <dd>
                {row.followUpAt ? <When at={row.followUpAt} timeZone={timeZone} /> : 'None planned'}
                {row.followUpDue ? <strong class="overdue"> Due</strong> : null}
              </dd>
            </div>
          </dl>
          <AlsoSent references={row.alsoSent} />
        </li>
      ))}
    </ol>
  );
}
