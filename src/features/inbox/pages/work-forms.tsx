import type { Child } from 'hono/jsx';
import { CsrfField } from '../../../ui/staff-layout.tsx';
import { NOTE_MAX } from '../entries.ts';
import {
  CALL_OUTCOMES,
  OUTCOME_LABEL,
  STATUS_LABEL,
  WORK_STATUSES,
  type Status,
} from '../../requests/index.ts';

/** What a re-shown form needs: the error per field and what was typed. */
export type FormState = {
  errors: Partial<Record<'status' | 'outcome' | 'called-at' | 'note', string>>;
  values: { status?: string; outcome?: string; calledAt?: string; note?: string };
  /** The confirmation to show in the section that was just used. */
  done: 'status' | 'call' | 'note' | null;
  /** Someone else changed the status meanwhile. */
  conflict: boolean;
};

type FormProps = { action: string; csrf: string; state: FormState };

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;
}

function Done({ show, children }: { show: boolean; children: Child }) {
  return show ? (
    <div class="notice" role="status">
      <p>{children}</p>
    </div>
  ) : null;
}

/** Log a call: how it went, and when (clinic time; defaults to now). */
export function CallForm(props: FormProps & { now: string }) {
  const { state } = props;
  const outcome = state.errors.outcome;
  const calledAt = state.errors['called-at'];
  return (
    <form method="post" action={`${props.action}/calls`}>
      <Done show={state.done === 'call'}>Call logged.</Done>
      <CsrfField value={props.csrf} />
      <fieldset
        class={outcome ? 'field invalid' : 'field'}
        aria-describedby={outcome ? 'outcome-error' : undefined}
      >
        <legend>How did the call go?</legend>
        <FieldError id="outcome" message={outcome} />
        {CALL_OUTCOMES.map((o) => (
          <div class="choice">
            <input
              type="radio"
              name="outcome"
              value={o}
              id={`outcome-${o}`}
              checked={state.values.outcome === o}
            />
            <label for={`outcome-${o}`}>{OUTCOME_LABEL[o]}</label>
          </div>
        ))}
      </fieldset>
      <div class={calledAt ? 'field invalid' : 'field'}>
        <label for="called-at">When</label>
        <p class="hint" id="called-at-hint">
          Clinic time. Leave it for a call you just made.
        </p>
        <FieldError id="called-at" message={calledAt} />
        <input
          type="datetime-local"
          id="called-at"
          name="called-at"
          value={state.values.calledAt ?? props.now}
          aria-describedby={calledAt ? 'called-at-hint called-at-error' : 'called-at-hint'}
          aria-invalid={calledAt ? 'true' : undefined}
        />
      </div>
      <button type="submit" class="button">
        Log call
      </button>
    </form>
  );
}

/** Change the status; `current` travels along so a change made meanwhile by someone else shows. */
export function StatusForm(props: FormProps & { current: Status }) {
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
export function NoteForm(props: FormProps) {
  const { state } = props;
  const error = state.errors.note;
  return (
    <form method="post" action={`${props.action}/notes`}>
      <Done show={state.done === 'note'}>Note saved.</Done>
      <CsrfField value={props.csrf} />
      <div class={error ? 'field invalid' : 'field'}>
        <label for="note">Note</label>
        <p class="hint" id="note-hint">
          {`Only staff can read it; it is stored encrypted. Up to ${NOTE_MAX.toLocaleString('en-US')} characters.`}
        </p>
        <FieldError id="note" message={error} />
        <textarea
          id="note"
          name="note"
          rows={4}
          aria-describedby={error ? 'note-hint note-error' : 'note-hint'}
          aria-invalid={error ? 'true' : undefined}
        >
          {state.values.note ?? ''}
        </textarea>
      </div>
      <button type="submit" class="button">
        Save note
      </button>
    </form>
  );
}
