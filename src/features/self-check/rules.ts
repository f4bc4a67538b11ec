/**
 * The self-check's questions and rules, as data, in one pure module the server and the browser
 * script both run. Every rule names the fact it rests on: a short exact quote from the research
 * file the clinic's medical reviewer checks (docs/content-review.md lists them). Nothing here
 * diagnoses: a result only says what to do next, and every result says a doctor decides.
 */

/** The research file every quote is taken from (beside the repository, in shared/research/). */
export const RESEARCH_FILE = 'research/neuroplasty-facts.md';

export type Fact = { file: string; quote: string };
const fact = (quote: string): Fact => ({ file: RESEARCH_FILE, quote });

/** The questions, in page order, with their form field names (the page's HTTP interface). */
export const QUESTIONS = {
  'warning-signs': {
    kind: 'checkboxes',
    options: ['bladder-bowel', 'groin-numbness', 'leg-weakness', 'fever', 'none'],
  },
  'pain-place': { kind: 'radio', options: ['low-back', 'mid-back', 'neck', 'elsewhere'] },
  'pain-duration': {
    kind: 'radio',
    options: ['under-3-months', '3-to-12-months', '1-to-5-years', 'over-5-years'],
  },
  'pain-spreads': { kind: 'radio', options: ['yes', 'no', 'unsure'] },
  'past-surgery': { kind: 'radio', options: ['yes', 'no'] },
  tried: {
    kind: 'checkboxes',
    options: ['medication', 'physical-therapy', 'injections', 'spinal-cord-stimulator', 'pain-pump', 'none'],
  },
  safety: {
    kind: 'checkboxes',
    options: ['infection', 'bleeding', 'pregnancy', 'allergy', 'face-down', 'none'],
  },
} as const;

type Questions = typeof QUESTIONS;
export type QuestionName = keyof Questions;
export type OptionOf<Q extends QuestionName> = Questions[Q]['options'][number];
export const QUESTION_ORDER = Object.keys(QUESTIONS) as QuestionName[];

export type WarningSign = Exclude<OptionOf<'warning-signs'>, 'none'>;
export type SafetyAnswer = Exclude<OptionOf<'safety'>, 'none'>;

/** What was posted, exactly as chosen: single answers as text, lists as lists. */
export type RawAnswers = {
  [Q in QuestionName]: Questions[Q]['kind'] extends 'checkboxes' ? string[] : string;
};

/** Answers read and checked: every one given, "none" dropped from the lists. */
export type Answers = {
  warningSigns: WarningSign[];
  painPlace: OptionOf<'pain-place'>;
  painDuration: OptionOf<'pain-duration'>;
  painSpreads: OptionOf<'pain-spreads'>;
  pastSurgery: OptionOf<'past-surgery'>;
  tried: Exclude<OptionOf<'tried'>, 'none'>[];
  safety: SafetyAnswer[];
};

/** The four results: urgent care, and the three answers for everyone else. */
export const RESULT_KINDS = ['urgent', 'worth-asking', 'doctor-first', 'other-first'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** Why a result was reached; each reason has its own words and its own fact. */
export type Reason =
  'not-spine' | 'nothing-tried' | 'after-surgery' | 'into-limb' | 'stimulator-or-pump' | 'care-tried';

export type Result =
  | { kind: 'urgent'; signs: WarningSign[] }
  | { kind: 'doctor-first'; concerns: SafetyAnswer[] }
  | { kind: 'other-first'; reasons: Reason[] }
  | { kind: 'worth-asking'; reasons: Reason[] };

/** One rule of the self-check: what it looks at, what it leads to, and the fact behind it. */
export type Rule = { id: string; result: ResultKind; when: string; fact: Fact };

/**
 * The rules in the order they are applied. A warning sign overrides everything; then the
 * reasons other treatments come first; then the safety answers; otherwise the procedure may be
 * worth asking about, with every reason that applies.
 */
export const RULES = [
  {
    id: 'warning-sign',
    result: 'urgent',
    when: 'Any warning sign is chosen (new loss of bladder or bowel control, numbness in the groin, leg weakness getting worse fast, fever with back pain), whatever else is answered.',
    fact: fact('Red flags that need urgent care instead of a clinic request'),
  },
  {
    id: 'not-spine',
    result: 'other-first',
    when: 'The pain is mainly somewhere other than the back or neck.',
    fact: fact('Failed back surgery / post-laminectomy pain of the neck or back'),
  },
  {
    id: 'nothing-tried',
    result: 'other-first',
    when: 'None of pain medicine, physical therapy, epidural injections, a spinal cord stimulator or a pain pump has been tried.',
    fact: fact(
      'Usually offered after conservative care (medication, physical therapy, ordinary epidural injections) has not given enough relief.',
    ),
  },
  {
    id: 'infection',
    result: 'doctor-first',
    when: 'An infection now, anywhere in the body.',
    fact: fact('Active infection (at the site or in the body)'),
  },
  {
    id: 'bleeding',
    result: 'doctor-first',
    when: 'A bleeding problem, or a blood thinner.',
    fact: fact('bleeding disorder, or blood thinners that cannot be safely paused'),
  },
  {
    id: 'pregnancy',
    result: 'doctor-first',
    when: 'Pregnant, or may be.',
    fact: fact('pregnancy (x-ray guidance)'),
  },
  {
    id: 'allergy',
    result: 'doctor-first',
    when: 'An allergy to contrast dye or to a medicine.',
    fact: fact('allergy to contrast dye, hyaluronidase or the other medicines'),
  },
  {
    id: 'face-down',
    result: 'doctor-first',
    when: 'A health problem that makes lying face down hard or unsafe.',
    fact: fact('conditions that make lying face down for the procedure unsafe'),
  },
  {
    id: 'after-surgery',
    result: 'worth-asking',
    when: 'Reason given: back or neck surgery before.',
    fact: fact('It was designed for pain that persists after back surgery'),
  },
  {
    id: 'into-limb',
    result: 'worth-asking',
    when: 'Reason given: the pain goes into an arm or a leg.',
    fact: fact(
      'Radiculopathy (pinched nerve pain into a limb) from epidural fibrosis was the original target.',
    ),
  },
  {
    id: 'stimulator-or-pump',
    result: 'worth-asking',
    when: 'Reason given: a spinal cord stimulator or a pain pump was tried.',
    fact: fact('pain not helped by spinal cord stimulation or by opioids given into the spine'),
  },
  {
    id: 'care-tried',
    result: 'worth-asking',
    when: 'Reason given: pain medicine, physical therapy or epidural injections were tried.',
    fact: fact(
      'Usually offered after conservative care (medication, physical therapy, ordinary epidural injections) has not given enough relief.',
    ),
  },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

/** A question left unanswered, or answered with a choice that is not on the page. */
export type AnswerErrors = Partial<Record<QuestionName, 'required'>>;

export type Reading = { ok: true; answers: Answers } | { ok: false; errors: AnswerErrors };

/** Anything with FormData's getAll (FormData itself, on either side). */
export type AnswerSource = { getAll(name: string): unknown[] };

/** Reads the answers of a post as sent; a repeated single answer keeps its first value. */
export function readAnswers(source: AnswerSource): RawAnswers {
  const texts = (name: string) => source.getAll(name).filter((v): v is string => typeof v === 'string');
  const raw = {} as Record<QuestionName, string | string[]>;
  for (const name of QUESTION_ORDER) {
    raw[name] = QUESTIONS[name].kind === 'checkboxes' ? [...new Set(texts(name))] : (texts(name)[0] ?? '');
  }
  return raw as RawAnswers;
}

export function emptyAnswers(): RawAnswers {
  return readAnswers({ getAll: () => [] });
}

const isOption = <Q extends QuestionName>(q: Q, value: string): value is OptionOf<Q> =>
  (QUESTIONS[q].options as readonly string[]).includes(value);

/** The chosen options of a list question, or null when none (or an unknown one) was chosen. */
function list<Q extends QuestionName>(raw: RawAnswers, q: Q): Exclude<OptionOf<Q>, 'none'>[] | null {
  const chosen = raw[q] as string[];
  if (chosen.length === 0 || !chosen.every((v) => isOption(q, v))) return null;
  // A box ticked along with "None of these" still counts: the safe reading.
  return chosen.filter((v) => v !== 'none') as Exclude<OptionOf<Q>, 'none'>[];
}

/** The warning signs chosen, read on their own: they count even when the rest is unanswered. */
export function warningSignsOf(raw: RawAnswers): WarningSign[] {
  return raw['warning-signs'].filter((v): v is WarningSign => isOption('warning-signs', v) && v !== 'none');
}

/** Checks that every question has an answer from its list. */
export function checkAnswers(raw: RawAnswers): Reading {
  const errors: AnswerErrors = {};
  const one = <Q extends QuestionName>(q: Q): OptionOf<Q> => {
    const value = raw[q] as string;
    if (!isOption(q, value)) errors[q] = 'required';
    return value as OptionOf<Q>;
  };
  const many = <Q extends QuestionName>(q: Q) => {
    const chosen = list(raw, q);
    if (chosen === null) errors[q] = 'required';
    return chosen ?? [];
  };
  const answers: Answers = {
    warningSigns: many('warning-signs') as WarningSign[],
    painPlace: one('pain-place'),
    painDuration: one('pain-duration'),
    painSpreads: one('pain-spreads'),
    pastSurgery: one('past-surgery'),
    tried: many('tried') as Answers['tried'],
    safety: many('safety') as SafetyAnswer[],
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

const CONSERVATIVE = ['medication', 'physical-therapy', 'injections'] as const;

/**
 * The result for a set of checked answers, applying RULES in order.
 * @example evaluate({ ...answers, warningSigns: ['fever'] }) // { kind: 'urgent', signs: ['fever'] }
 */
export function evaluate(answers: Answers): Result {
  if (answers.warningSigns.length > 0) return { kind: 'urgent', signs: answers.warningSigns };
  const otherFirst: Reason[] = [];
  if (answers.painPlace === 'elsewhere') otherFirst.push('not-spine');
  if (answers.tried.length === 0) otherFirst.push('nothing-tried');
  if (otherFirst.length > 0) return { kind: 'other-first', reasons: otherFirst };
  if (answers.safety.length > 0) return { kind: 'doctor-first', concerns: answers.safety };
  const reasons: Reason[] = [];
  if (answers.pastSurgery === 'yes') reasons.push('after-surgery');
  if (answers.painSpreads === 'yes') reasons.push('into-limb');
  if (answers.tried.some((t) => t === 'spinal-cord-stimulator' || t === 'pain-pump'))
    reasons.push('stimulator-or-pump');
  if (answers.tried.some((t) => (CONSERVATIVE as readonly string[]).includes(t))) reasons.push('care-tried');
  return { kind: 'worth-asking', reasons };
}

/**
 * What a post shows: the result, or the questions again with what is missing. Warning signs are
 * read first and on their own, so a person in trouble is never held up by an unanswered question.
 */
export function outcomeOf(
  raw: RawAnswers,
): { kind: 'result'; result: Result } | { kind: 'errors'; errors: AnswerErrors } {
  const signs = warningSignsOf(raw);
  if (signs.length > 0) return { kind: 'result', result: { kind: 'urgent', signs } };
  const reading = checkAnswers(raw);
  return reading.ok
    ? { kind: 'result', result: evaluate(reading.answers) }
    : { kind: 'errors', errors: reading.errors };
}

/** Which rule produced each part of a result: for the reviewer's list and the tests. */
export function rulesOf(result: Result): RuleId[] {
  switch (result.kind) {
    case 'urgent':
      return ['warning-sign'];
    case 'doctor-first':
      return result.concerns;
    case 'other-first':
    case 'worth-asking':
      return result.reasons;
  }
}

/** The analytics event each result is counted as: its kind only, never an answer. */
export const RESULT_EVENTS = {
  urgent: 'self_check_urgent',
  'worth-asking': 'self_check_worth_asking',
  'doctor-first': 'self_check_doctor_first',
  'other-first': 'self_check_other_first',
} as const satisfies Record<ResultKind, string>;
