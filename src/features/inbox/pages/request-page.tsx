import type { RequestFields } from '../../requests/index.ts';
import { ErrorSummary } from '../../../ui/staff-form.tsx';
import { StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame as Frame } from '../../auth/index.ts';
import type { SealedRequest } from '../../requests/index.ts';
import type { TimelineEntry } from '../timeline.ts';
import { fieldSpec, STATUS_LABEL } from '../../requests/index.ts';
import { HistoryList } from './history-list.tsx';
import { AlsoSent, LastContactText, PhoneLink, When } from './parts.tsx';
import { PatientDetails } from './patient-details.tsx';
import { AssignForm, ContactForm, NoteForm, StatusForm, type FormState } from './work-forms.tsx';
import type { ListedRequest } from '../listing.ts';

export type RequestPageProps = Frame & {
  request: Omit<SealedRequest, 'sealed'>;
  /** The row as the inbox lists it: assignee, follow-up, last contact, marks. */
  listed: ListedRequest;
  /** The opened document; null when purged or when it does not open. */
  fields: RequestFields | null;
  timeline: TimelineEntry[];
  deadline: Date;
  /** "now" in clinic time, for the contact form's default. */
  nowLocal: string;
  form: FormState;
  members: { id: string; email: string }[];
  /** The inbox's filters this request was opened from ("?view=due"), kept by every link and form. */
  filterQuery: string;
  /** The requests before and after this one within those filters. */
  previous: string | null;
  next: string | null;
  /** The print view: no navigation, no forms. */
  print: boolean;
};

const LANGUAGE = { en: 'English', es: 'Spanish' } as const;

/** A post that did not go through is named at the top too, linking to its field. */
function summaryOf(form: FormState): [string, string][] {
  const errors = Object.entries(form.errors)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([field, message]): [string, string] => [field === 'kind' ? 'kind-phone-reached' : field, message]);
  if (form.conflict) errors.unshift(['status', 'Someone else changed the status meanwhile: check it below.']);
  return errors;
}

const choice = (name: 'contact-method' | 'best-time', value: string) =>
  fieldSpec(name).options?.[value]?.en ?? value;

/** The first screen on a phone: who, the number to tap, and how and when to reach them. */
function ReachBlock({ fields }: { fields: RequestFields }) {
  return (
    <div class="reach">
      <p class="reach-name">{`${fields.givenName} ${fields.familyName}`}</p>
      <p class="reach-phone">
        <PhoneLink tel={fields.tel ?? null} />
      </p>
      <p>{`Prefers: ${choice('contact-method', fields.contactMethod)}, ${choice('best-time', fields.bestTime).toLowerCase()}`}</p>
      {fields.email ? (
        <p>
          <a href={`mailto:${fields.email}`}>{fields.email}</a>
        </p>
      ) : null}
    </div>
  );
}

/** GET /staff/requests/<id>: one request, opened in the session, with its workflow and history. */
export function RequestPage(props: RequestPageProps) {
  const { request, fields, form, listed } = props;
  const timeZone = props.site.clinic.timeZone;
  const action = `/staff/requests/${request.id}`;
  const purged = request.status === 'purged';
  const hidden: [string, string][] = [['return', props.filterQuery]];
  const link = (id: string) => `/staff/requests/${id}${props.filterQuery}`;
  return (
    <StaffLayout
      site={props.site}
      staff={props.staff}
      csrf={props.csrf}
      title={`Request ${request.reference}`}
      current="inbox"
    >
      {props.print ? (
        <p class="print-hint no-print">
          Print this page with your browser’s Print command. Printing is recorded like a view.{' '}
          <a href={link(request.id)}>Back to the request</a>
        </p>
      ) : (
        <nav class="request-nav" aria-label="Requests">
          <a href={`/staff/${props.filterQuery}`}>Back to the inbox</a>
          {props.previous ? (
            <a href={link(props.previous)} rel="prev">
              Previous request
            </a>
          ) : null}
          {props.next ? (
            <a href={link(props.next)} rel="next">
              Next request
            </a>
          ) : null}
        </nav>
      )}
      <h1>{`Request ${request.reference}`}</h1>
      <ErrorSummary errors={summaryOf(form)} />
      {fields ? <ReachBlock fields={fields} /> : null}
      <AlsoSent references={listed.alsoSent} />
      <dl class="details">
        <dt>Status</dt>
        <dd>{STATUS_LABEL[request.status]}</dd>
        {listed.waiting ? (
          <>
            <dt>Waiting</dt>
            <dd>
              {listed.waiting}
              {listed.overdue ? <strong class="overdue"> Overdue</strong> : null}
              {' (answer due '}
              <When at={props.deadline} timeZone={timeZone} />)
            </dd>
          </>
        ) : null}
        <dt>Last contact</dt>
        <dd>
          <LastContactText contact={listed.lastContact} timeZone={timeZone} />
        </dd>
        <dt>Next follow-up</dt>
        <dd>
          {listed.followUpAt ? <When at={listed.followUpAt} timeZone={timeZone} /> : 'None planned'}
          {listed.followUpDue ? <strong class="overdue"> Due</strong> : null}
        </dd>
        <dt>Assigned to</dt>
        <dd>{listed.assignee ?? 'Nobody'}</dd>
        <dt>Received</dt>
        <dd>
          <When at={request.receivedAt} timeZone={timeZone} />
        </dd>
        <dt>Form language</dt>
        <dd>{LANGUAGE[request.locale]}</dd>
        <dt>Campaign</dt>
        <dd>{campaignText(request)}</dd>
        <dt>Landing page</dt>
        <dd>{request.attribution.landingPage ?? 'Not known'}</dd>
        <dt>Form opened from</dt>
        <dd>{request.sourcePage ?? 'Not known'}</dd>
      </dl>
      {purged || props.print ? null : (
        <section id="contact" aria-labelledby="contact-title">
          <h2 id="contact-title">Log contact</h2>
          <ContactForm action={action} csrf={props.csrf} state={form} now={props.nowLocal} hidden={hidden} />
        </section>
      )}
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
      {purged || props.print ? null : (
        <>
          <section id="status-change" aria-labelledby="status-title">
            <h2 id="status-title">Status</h2>
            <StatusForm
              action={action}
              csrf={props.csrf}
              state={form}
              current={request.status}
              hidden={hidden}
            />
          </section>
          <section id="assign" aria-labelledby="assign-title">
            <h2 id="assign-title">Assign</h2>
            <AssignForm
              action={action}
              csrf={props.csrf}
              state={form}
              members={props.members}
              assignee={listed.assignee}
              hidden={hidden}
            />
          </section>
          <section id="notes" aria-labelledby="note-title">
            <h2 id="note-title">Add a note</h2>
            <NoteForm action={action} csrf={props.csrf} state={form} hidden={hidden} />
          </section>
        </>
      )}
      <section id="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <HistoryList entries={props.timeline} timeZone={timeZone} />
      </section>
      {props.print ? null : (
        <p class="no-print">
          <a href={`${action}?print=1`}>Print view</a>
        </p>
      )}
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
