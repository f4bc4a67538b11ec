import { formatPhone } from '../../../config/clinic.ts';
import { CHANNEL_LABEL, OUTCOME_LABEL, type LastContact, type SearchEntry } from '../../requests/index.ts';
import { formatClinicTime } from '../clinic-time.ts';

/**
 * Small pieces shared by the inbox pages. Props in, HTML out.
 */

/** A time in the clinic's zone, machine-readable too. */
export function When({ at, timeZone }: { at: Date; timeZone: string }) {
  return <time datetime={at.toISOString()}>{formatClinicTime(at, timeZone)}</time>;
}

/** Previous / next page links with "Page 2 of 5"; nothing when everything fits on one page. */
export function Pagination(props: {
  page: number;
  hasNext: boolean;
  pageCount?: number;
  href: (page: number) => string;
  label: string;
  /** The two links' words; "Newer" and "Older" by default (lists newest first). */
  words?: [string, string];
}) {
  const { page, hasNext, pageCount } = props;
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={props.label}>
      <p>
        {page > 1 ? (
          <a href={props.href(page - 1)} rel="prev" class="button secondary">
            {props.words?.[0] ?? 'Newer'}
          </a>
        ) : null}
        <span>{pageCount ? ` Page ${page} of ${pageCount} ` : ` Page ${page} `}</span>
        {hasNext ? (
          <a href={props.href(page + 1)} rel="next" class="button secondary">
            {props.words?.[1] ?? 'Older'}
          </a>
        ) : null}
      </p>
    </nav>
  );
}

/** A select whose options are [value, label] pairs, with its label, in the site's field style. */
export function SelectField(props: {
  id: string;
  name?: string;
  label: string;
  value: string;
  options: [string, string][];
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name ?? props.id}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Text typed by a person, line breaks kept as <br>: it reads the same whatever the stylesheet
 * (no inline style is allowed, and white-space rules may not be there).
 */
export function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/** "(310) 555-0123" for a US E.164 number; the number as stored when it cannot be formatted. */
export function phoneText(e164: string): string {
  try {
    return formatPhone(e164);
  } catch {
    return e164;
  }
}

/** The patient's phone as a tap-to-call link. */
export function PhoneLink({ tel }: { tel: string | null }) {
  return tel ? <a href={`tel:${tel}`}>{phoneText(tel)}</a> : <>None given</>;
}

/** The patient's name, or the request number when the details did not open. */
export function PatientName({ entry, reference }: { entry: SearchEntry | null; reference: string }) {
  return <>{entry ? `${entry.givenName} ${entry.familyName}` : `Request ${reference}`}</>;
}

/** "Nov 25, 2026, 3:12 PM · Phone call · No answer", or "Not tried yet". */
export function LastContactText({ contact, timeZone }: { contact: LastContact | null; timeZone: string }) {
  if (!contact) return <>Not tried yet</>;
  return (
    <>
      <When at={contact.at} timeZone={timeZone} />
      {` · ${CHANNEL_LABEL[contact.channel]} · ${OUTCOME_LABEL[contact.outcome]}`}
    </>
  );
}

/** The duplicate mark: other requests with the same phone or e-mail, each a link to it. */
export function AlsoSent({ references }: { references: string[] }) {
  if (references.length === 0) return null;
  return (
    <p class="also-sent">
      <strong>Same phone or e-mail:</strong> also sent{' '}
      {references.map((reference, i) => (
        <>
          {i > 0 ? ', ' : null}
          <a href={`/staff/?q=${reference}`}>{reference}</a>
        </>
      ))}
    </p>
  );
}
