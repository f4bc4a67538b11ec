import type { RequestFields } from '../../requests/index.ts';
import { ErrorSummary } from '../../../ui/staff-form.tsx';
import { StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame as Frame } from '../../auth/index.ts';
import type { SealedRequest } from '../../requests/index.ts';
import type { TimelineEntry } from '../timeline.ts';
import { STATUS_LABEL } from '../../requests/index.ts';
import { HistoryList } from './history-list.tsx';
import { When } from './parts.tsx';
import { PatientDetails } from './patient-details.tsx';
import { CallForm, NoteForm, StatusForm, type FormState } from './work-forms.tsx';

export type RequestPageProps = Frame & {
  request: Omit<SealedRequest, 'sealed'>;
  /** The opened document; null when purged or when it does not open. */
  fields: RequestFields | null;
  timeline: TimelineEntry[];
  deadline: Date;
  overdue: boolean;
  waiting: string | null;
  /** "now" in clinic time, for the call form's default. */
  nowLocal: string;
  form: FormState;
};

const LANGUAGE = { en: 'English', es: 'Spanish' } as const;

/** A post that did not go through is named at the top too, linking to its field. */
function summaryOf(form: FormState): [string, string][] {
  const errors = Object.entries(form.errors)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([field, message]): [string, string] => [field === 'outcome' ? 'outcome-reached' : field, message]);
  if (form.conflict) errors.unshift(['status', 'Someone else changed the status meanwhile: check it below.']);
  return errors;
}

/** GET /staff/requests/<id>: one request, opened in the session, with its workflow and history. */
export function RequestPage(props: RequestPageProps) {
  const { request, fields, form } = props;
  const timeZone = props.site.clinic.timeZone;
  const action = `/staff/requests/${request.id}`;
  const purged = request.status === 'purged';
  return (
    <StaffLayout
      site={props.site}
      staff={props.staff}
      csrf={props.csrf}
      title={`Request ${request.reference}`}
      current="inbox"
    >
      <p>
        <a href="/staff/">Back to the inbox</a>
      </p>
      <h1>{`Request ${request.reference}`}</h1>
      <ErrorSummary errors={summaryOf(form)} />
      <dl class="details">
        <dt>Received</dt>
        <dd>
          <When at={request.receivedAt} timeZone={timeZone} />
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABEL[request.status]}</dd>
        {props.waiting ? (
          <>
            <dt>Waiting</dt>
            <dd>
              {props.waiting}
              {props.overdue ? <strong class="overdue"> Overdue</strong> : null}
              {' (answer due '}
              <When at={props.deadline} timeZone={timeZone} />)
            </dd>
          </>
        ) : null}
        <dt>Form language</dt>
        <dd>{LANGUAGE[request.locale]}</dd>
        <dt>Campaign</dt>
        <dd>{campaignText(request)}</dd>
        <dt>Landing page</dt>
        <dd>{request.attribution.landingPage ?? 'Not known'}</dd>
        <dt>Form opened from</dt>
        <dd>{request.sourcePage ?? 'Not known'}</dd>
      </dl>
      <h2>Patient</h2>
      {fields ? (
        <PatientDetails fields={fields} />
      ) : purged ? (
        <p>The patient’s details and the notes were deleted under the clinic’s retention policy.</p>
      ) : (
        <div class="error-summary" role="alert">
          <p>
            This request could not be opened: its stored data was altered or damaged. Tell an administrator.
          </p>
        </div>
      )}
      {purged ? null : (
        <>
          <section id="call" aria-labelledby="call-title">
            <h2 id="call-title">Log a call</h2>
            <CallForm action={action} csrf={props.csrf} state={form} now={props.nowLocal} />
          </section>
          <section id="status-change" aria-labelledby="status-title">
            <h2 id="status-title">Status</h2>
            <StatusForm action={action} csrf={props.csrf} state={form} current={request.status} />
          </section>
          <section id="notes" aria-labelledby="note-title">
            <h2 id="note-title">Add a note</h2>
            <NoteForm action={action} csrf={props.csrf} state={form} />
          </section>
        </>
      )}
      <section id="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <HistoryList entries={props.timeline} timeZone={timeZone} />
      </section>
    </StaffLayout>
  );
}

/**
 * The campaign of the visit that sent the request, in the dashboard's words: source / medium /
 * campaign, then term and content when the link had them; "None" for a visit without UTM values.
 */
function campaignText(request: Pick<SealedRequest, 'campaign' | 'attribution'>): string {
  const { utmSource, utmMedium, utmTerm, utmContent } = request.attribution;
  const main = [utmSource, utmMedium, request.campaign];
  if (main.every((v) => v === null) && !utmTerm && !utmContent) return 'None';
  const parts = [main.map((v) => v ?? '(none)').join(' / ')];
  if (utmTerm) parts.push(`term ${utmTerm}`);
  if (utmContent) parts.push(`content ${utmContent}`);
  return parts.join(', ');
}
