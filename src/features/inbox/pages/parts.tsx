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
}) {
  const { page, hasNext, pageCount } = props;
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={props.label}>
      <p>
        {page > 1 ? (
          <a href={props.href(page - 1)} rel="prev" class="button secondary">
            Newer
          </a>
        ) : null}
        <span>{pageCount ? ` Page ${page} of ${pageCount} ` : ` Page ${page} `}</span>
        {hasNext ? (
          <a href={props.href(page + 1)} rel="next" class="button secondary">
            Older
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
