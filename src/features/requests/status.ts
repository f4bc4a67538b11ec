/**
 * A request's workflow states and call outcomes: the values the `requests` and `call_attempts`
 * tables accept (their CHECK constraints), with the words the staff inbox shows for each.
 */

/** What staff can set, in the order the status menu lists them. */
export const WORK_STATUSES = [
  'new',
  'contacted',
  'consult_scheduled',
  'not_a_candidate',
  'unreachable',
  'closed',
] as const;
/** Every status a request can have: 'purged' is set only by the retention job. */
export const STATUSES = [...WORK_STATUSES, 'purged'] as const;

export type WorkStatus = (typeof WORK_STATUSES)[number];
export type Status = (typeof STATUSES)[number];

export const STATUS_LABEL: Record<Status, string> = {
  new: 'New',
  contacted: 'Contacted',
  consult_scheduled: 'Consult scheduled',
  not_a_candidate: 'Not a candidate',
  unreachable: 'Unreachable',
  closed: 'Closed',
  purged: 'Purged (details deleted)',
};

export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number', 'sent'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  reached: 'Reached',
  voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  sent: 'Sent, no reply yet',
};

/** How staff tried to reach the patient (call_attempts.channel). */
export const CONTACT_CHANNELS = ['phone', 'text', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CHANNEL_LABEL: Record<ContactChannel, string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'E-mail',
};

/**
 * The one choice of the "log contact" form, as staff think of it, and the channel and outcome it
 * stores. Reached is asked per channel: a text answered is a patient reached.
 */
export const CONTACT_KINDS = {
  'phone-reached': { channel: 'phone', outcome: 'reached', label: 'Phone call: reached the patient' },
  'phone-voicemail': { channel: 'phone', outcome: 'voicemail', label: 'Phone call: left a voicemail' },
  'phone-no-answer': { channel: 'phone', outcome: 'no_answer', label: 'Phone call: no answer' },
  'phone-wrong-number': { channel: 'phone', outcome: 'wrong_number', label: 'Phone call: wrong number' },
  'text-sent': { channel: 'text', outcome: 'sent', label: 'Text message sent' },
  'text-reached': { channel: 'text', outcome: 'reached', label: 'Text message: the patient answered' },
  'email-sent': { channel: 'email', outcome: 'sent', label: 'E-mail sent' },
  'email-reached': { channel: 'email', outcome: 'reached', label: 'E-mail: the patient answered' },
} as const satisfies Record<string, { channel: ContactChannel; outcome: CallOutcome; label: string }>;
export type ContactKind = keyof typeof CONTACT_KINDS;
export const isContactKind = (value: unknown): value is ContactKind =>
  typeof value === 'string' && Object.hasOwn(CONTACT_KINDS, value);

/** Type guards for values read from forms and the database. */
export const isStatus = (value: unknown): value is Status => (STATUSES as readonly unknown[]).includes(value);
export const isWorkStatus = (value: unknown): value is WorkStatus =>
  (WORK_STATUSES as readonly unknown[]).includes(value);
export const isCallOutcome = (value: unknown): value is CallOutcome =>
  (CALL_OUTCOMES as readonly unknown[]).includes(value);
