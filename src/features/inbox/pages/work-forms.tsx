import type { Child } from 'hono/jsx';
import { FieldError, StaffField, StaffTextArea } from '../../../ui/staff-form.tsx';
import { CsrfField } from '../../../ui/staff-layout.tsx';
import { NOTE_MAX } from '../entries.ts';
import { CONTACT_KINDS, STATUS_LABEL, WORK_STATUSES, type Status } from '../../requests/index.ts';

/** What a re-shown form needs: the error per field and what was typed. */
export type FormState = {
  errors: Partial<
    Record<'status' | 'kind' | 'called-at' | 'contact-note' | 'follow-up' | 'note' | 'assignee', string>
  >;
  values: {
    status?: string;
    kind?: string;
    calledAt?: string;
    contactNote?: string;
    followUp?: string;
    note?: string;
  };
  /** The confirmation to show in the section that was just used. */
  done: 'status' | 'contact' | 'note' | 'assignee' | null;
  /** The contact confirmation's words (it may say the status moved). */
  doneText?: string;
  /** Someone else changed the status meanwhile. */
  conflict: boolean;
};

type FormProps = { action: string; csrf: string; state: FormState };

function Done({ show, children }: { show: boolean; children: Child }) {
  return show ? (
    <div class="notice" role="status">
      <p>{children}</p>
    </div>
  ) : null;
}

/** Log a contact: what happened (one choice), when, a sealed note and the next follow-up. */
export function ContactForm(props: FormProps & { now: string; hidden: [string, string][] }) {
  const { state } = props;
  const kind = state.errors.kind;
  const calledAt = state.errors['called-at'];
  const note = state.errors['contact-note'];
  const followUp = state.errors['follow-up'];
  return (
    <form method="post" action={`${props.action}/contacts`}>
      <Done show={state.done === 'contact'}>{state.doneText ?? 'Contact logged.'}</Done>
      <CsrfField value={props.csrf} />
      {props.hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <fieldset class={kind ? 'field invalid' : 'field'} aria-describedby={kind ? 'kind-error' : undefined}>
        <legend>What happened?</legend>
        <FieldError id="kind" message={kind} />
        {Object.entries(CONTACT_KINDS).map(([value, k]) => (
          <div class="choice">
            <input
              type="radio"
              name="kind"
              value={value}
              id={`kind-${value}`}
              checked={state.values.kind === value}
            />
            <label for={`kind-${value}`}>{k.label}</label>
          </div>
        ))}
      </fieldset>
      <StaffField
        type="datetime-local"
        name="called-at"
        label="When"
        hint="Clinic time. Leave it for a contact you just made."
        error={calledAt}
        value={state.values.calledAt ?? props.now}
      />
      <StaffTextArea
        id="contact-note"
        name="note"
        label="Note (optional)"
        hint="Only staff can read it; it is stored encrypted."
        error={note}
        value={state.values.contactNote}
        rows={3}
      />
      <StaffField
        type="datetime-local"
        name="follow-up"
        label="Next follow-up (optional)"
        hint="Clinic time. Until then, a new request you tried does not count as overdue."
        error={followUp}
        value={state.values.followUp ?? ''}
      />
      <button type="submit" class="button">
        Log contact
      </button>
    </form>
  );
}

/** Assign the request to a coordinator or admin, or to nobody. */
export function AssignForm(
  props: FormProps & {
    members: { id: string; email: string }[];
    assignee: string | null;
    hidden: [string, string][];
  },
) {
  const { state } = props;
  const error = state.errors.assignee;
  const current = props.members.find((m) => m.email === props.assignee)?.id ?? 'nobody';
  return (
    <form method="post" action={`${props.action}/assignee`}>
      <Done show={state.done === 'assignee'}>{`Assigned to ${props.assignee ?? 'nobody'}.`}</Done>
      <CsrfField value={props.csrf} />
      {props.hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class={error ? 'field invalid' : 'field'}>
        <label for="assignee">Assigned to</label>
        <FieldError id="assignee" message={error} />
        <select id="assignee" name="assignee" aria-describedby={error ? 'assignee-error' : undefined}>
          <option value="nobody" selected={current === 'nobody'}>
            Nobody
          </option>
          {props.members.map((m) => (
            <option value={m.id} selected={m.id === current}>
              {m.email}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        Assign
      </button>
    </form>
  );
}

/** Change the status; `current` travels along so a change made meanwhile by someone else shows. */
export function StatusForm(props: FormProps & { current: Status; hidden: [string, string][] }) {
  const { state } = props;
  const error = state.errors.status;
  return (
    <form method="post" action={`${props.action}/status`}>
      <Done show={state.done === 'status'}>{`Status changed to ${STATUS_LABEL[props.current]}.`}</Done>
      {state.conflict ? (
        <div class="error-summary" role="alert">
          <p>{`Someone else changed the status meanwhile: it is now ${STATUS_LABEL[props.current]}. Nothing was changed; choose again if needed.`}</p>
        </div>
      ) : null}
      <CsrfField value={props.csrf} />
      <input type="hidden" name="current" value={props.current} />
      {props.hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class={error ? 'field invalid' : 'field'}>
        <label for="status">Status</label>
        <FieldError id="status" message={error} />
        <select id="status" name="status" aria-describedby={error ? 'status-error' : undefined}>
          {WORK_STATUSES.map((s) => (
            <option value={s} selected={s === (state.values.status ?? props.current)}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        Change status
      </button>
    </form>
  );
}

/** Add a note: staff-only text, sealed like the request. */
export function NoteForm(props: FormProps & { hidden: [string, string][] }) {
  const { state } = props;
  const error = state.errors.note;
  return (
    <form method="post" action={`${props.action}/notes`}>
      <Done show={state.done === 'note'}>Note saved.</Done>
      <CsrfField value={props.csrf} />
      {props.hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <StaffTextArea
        name="note"
        label="Note"
        hint={`Only staff can read it; it is stored encrypted. Up to ${NOTE_MAX.toLocaleString('en-US')} characters.`}
        error={error}
        value={state.values.note}
        rows={4}
      />
      <button type="submit" class="button">
        Save note
      </button>
    </form>
  );
}
