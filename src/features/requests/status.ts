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

export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  reached: 'Reached',
  voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
};

/** Type guards for values read from forms and the database. */
export const isStatus = (value: unknown): value is Status => (STATUSES as readonly unknown[]).includes(value);
export const isWorkStatus = (value: unknown): value is WorkStatus =>
  (WORK_STATUSES as readonly unknown[]).includes(value);
export const isCallOutcome = (value: unknown): value is CallOutcome =>
  (CALL_OUTCOMES as readonly unknown[]).includes(value);
