import { parseLocalInput } from './clinic-time.ts';
import {
  CONTACT_KINDS,
  isCallOutcome,
  isContactKind,
  isWorkStatus,
  type CallOutcome,
  type ContactChannel,
  type WorkStatus,
} from '../requests/index.ts';
import { postedText } from '../../lib/posted.ts';

/**
 * Rules for what staff post on a request page: a status, a call attempt, a note. Pure: the clock
 * and the clinic's time zone come in. Each returns the value, or a message to show beside the field.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Longest note, in characters (code points). */
export const NOTE_MAX = 2000;

const text = postedText;

/** The status picked in the status form. */
export function parseStatusChoice(value: unknown): Parsed<WorkStatus> {
  return isWorkStatus(value)
    ? { ok: true, value }
    : { ok: false, field: 'status', message: 'Choose one of the listed statuses.' };
}

/**
 * A note as typed: line breaks kept, Unicode normalised (NFC), surrounding blank space dropped.
 * @example parseNote('  Called back, will try Monday \r\n') // { ok: true, value: 'Called back, will try Monday' }
 */
export function parseNote(value: unknown): Parsed<string> {
  const note = text(value).replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (note === '') return { ok: false, field: 'note', message: 'Write the note before saving it.' };
  const length = [...note].length;
  if (length > NOTE_MAX) {
    return {
      ok: false,
      field: 'note',
      message: `A note can be up to ${NOTE_MAX} characters; this one has ${length}. Shorten it or split it in two.`,
    };
  }
  return { ok: true, value: note };
}

/** Calls logged this far in the future are a typo (a wrong AM/PM, a wrong day). */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A call attempt: its outcome and when it happened (clinic time, from a datetime-local input;
 * empty means now). Refuses a time in the future or before the request arrived.
 */
export function parseCall(
  form: { outcome: unknown; calledAt: unknown },
  context: { now: Date; timeZone: string; receivedAt: Date },
): Parsed<{ outcome: CallOutcome; calledAt: Date }> {
  if (!isCallOutcome(form.outcome)) {
    return { ok: false, field: 'outcome', message: 'Choose how the call went.' };
  }
  const typed = text(form.calledAt).trim();
  const calledAt = typed === '' ? context.now : parseLocalInput(typed, context.timeZone);
  if (!calledAt) {
    return {
      ok: false,
      field: 'called-at',
      message: 'Give the date and time of the call, like 11/25/2026 3:15 PM.',
    };
  }
  if (calledAt.getTime() > context.now.getTime() + FUTURE_SLACK_MS) {
    return {
      ok: false,
      field: 'called-at',
      message: 'The call time is in the future. Check the date and AM/PM.',
    };
  }
  // The form's minutes are whole; allow the minute the request arrived in.
  if (calledAt.getTime() < context.receivedAt.getTime() - 60_000) {
    return {
      ok: false,
      field: 'called-at',
      message: 'The call time is before the request arrived. Check the date.',
    };
  }
  return { ok: true, value: { outcome: form.outcome, calledAt } };
}

/** A follow-up further ahead than this is a typo (a wrong year). */
const FOLLOW_UP_MAX_MS = 366 * 86_400_000;

/** What the "log contact" form records. */
export type ContactEntry = {
  channel: ContactChannel;
  outcome: CallOutcome;
  calledAt: Date;
  /** The note's text, or null when none was written. */
  note: string | null;
  followUpAt: Date | null;
};

/**
 * The "log contact" form: what happened (channel and outcome in one choice), when (clinic time;
 * empty means now), an optional note and an optional next follow-up (clinic time, in the future).
 * @returns the entry, or every problem by field
 */
export function parseContact(
  form: { kind: unknown; calledAt: unknown; note: unknown; followUp: unknown },
  context: { now: Date; timeZone: string; receivedAt: Date },
): { ok: true; value: ContactEntry } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kind = isContactKind(form.kind) ? CONTACT_KINDS[form.kind] : null;
  if (!kind) errors.kind = 'Choose what happened.';
  const when = parseCall({ outcome: kind?.outcome ?? 'reached', calledAt: form.calledAt }, context);
  if (!when.ok) errors['called-at'] = when.message;
  const typedNote = text(form.note).trim();
  const note = typedNote === '' ? null : parseNote(form.note);
  if (note && !note.ok) errors['contact-note'] = note.message;
  const typedFollowUp = text(form.followUp).trim();
  let followUpAt: Date | null = null;
  if (typedFollowUp !== '') {
    followUpAt = parseLocalInput(typedFollowUp, context.timeZone);
    if (!followUpAt) {
      errors['follow-up'] = 'Give the date and time of the follow-up, like 11/26/2026 10:00 AM.';
    } else if (followUpAt.getTime() <= context.now.getTime()) {
      errors['follow-up'] = 'The follow-up is in the past. Choose a later date or time.';
    } else if (followUpAt.getTime() > context.now.getTime() + FOLLOW_UP_MAX_MS) {
      errors['follow-up'] = 'The follow-up is more than a year away. Check the year.';
    }
  }
  if (!kind || !when.ok || (note && !note.ok) || errors['follow-up']) return { ok: false, errors };
  return {
    ok: true,
    value: {
      channel: kind.channel,
      outcome: kind.outcome,
      calledAt: when.value.calledAt,
      note: note?.ok ? note.value : null,
      followUpAt,
    },
  };
}
