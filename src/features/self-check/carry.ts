import type { Carried } from '../intake/index.ts';
import type { Answers } from './rules.ts';

/**
 * The answers a "may be worth asking about" result offers to bring to the request form, in the
 * form's own fields: where the pain is, for how long, what was tried; the rest as the request's
 * self-check list. Only sent when the patient ticks the box (see intake/carry-over.ts).
 */
export function carriedFrom(answers: Answers): Carried {
  const selfCheck: NonNullable<Carried['self-check']> = [
    'result-worth-asking',
    'no-warning-signs',
    'no-safety-answers',
  ];
  if (answers.pastSurgery === 'yes') selfCheck.push('back-or-neck-surgery');
  if (answers.painSpreads === 'yes') selfCheck.push('pain-into-limb');
  if (answers.painSpreads === 'unsure') selfCheck.push('pain-into-limb-unsure');
  return {
    'pain-area': answers.painPlace === 'elsewhere' ? [] : [answers.painPlace],
    'pain-duration': answers.painDuration,
    treatments: [...answers.tried, ...(answers.pastSurgery === 'yes' ? (['surgery'] as const) : [])],
    'self-check': selfCheck,
  };
}
