import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.ts';
import { isPlainEnough, measure, SPANISH_MIN_INFLESZ } from '../content/index.ts';
import { readCarried, encodeCarried } from '../intake/index.ts';
import { carriedFrom } from './carry.ts';
import {
  checkAnswers,
  evaluate,
  outcomeOf,
  QUESTION_ORDER,
  QUESTIONS,
  readAnswers,
  RESEARCH_FILE,
  RESULT_KINDS,
  RULES,
  rulesOf,
  type Answers,
  type RawAnswers,
} from './rules.ts';
import { selfCheckText } from './text.ts';
import { selfCheckTextBlocks } from './text-blocks.ts';

/** Answers that lead to "may be worth asking about" for the plainest reason. */
const base: Answers = {
  warningSigns: [],
  painPlace: 'low-back',
  painDuration: '1-to-5-years',
  painSpreads: 'no',
  pastSurgery: 'no',
  tried: ['medication'],
  safety: [],
};
const raw = (overrides: Partial<RawAnswers> = {}): RawAnswers => ({
  'warning-signs': ['none'],
  'pain-place': 'low-back',
  'pain-duration': '1-to-5-years',
  'pain-spreads': 'no',
  'past-surgery': 'no',
  tried: ['medication'],
  safety: ['none'],
  ...overrides,
});

describe('the result of a set of answers (every rule, in order)', () => {
  it('a warning sign overrides everything, even unanswered or other questions that would lead elsewhere', () => {
    for (const sign of ['bladder-bowel', 'groin-numbness', 'leg-weakness', 'fever'] as const) {
      expect(evaluate({ ...base, warningSigns: [sign], safety: ['pregnancy'] })).toEqual({
        kind: 'urgent',
        signs: [sign],
      });
      const blank = readAnswers({ getAll: (n) => (n === 'warning-signs' ? [sign] : []) });
      expect(outcomeOf(blank)).toEqual({ kind: 'result', result: { kind: 'urgent', signs: [sign] } });
    }
    // Ticked along with "None of these", a sign still counts.
    expect(outcomeOf(raw({ 'warning-signs': ['none', 'fever'] }))).toMatchObject({
      result: { kind: 'urgent' },
    });
  });

  it('pain mainly elsewhere than the back or neck: other treatments usually come first', () => {
    expect(evaluate({ ...base, painPlace: 'elsewhere' })).toEqual({
      kind: 'other-first',
      reasons: ['not-spine'],
    });
  });

  it('nothing tried yet: other treatments come first, before any safety answer is raised', () => {
    expect(evaluate({ ...base, tried: [], safety: ['bleeding'] })).toEqual({
      kind: 'other-first',
      reasons: ['nothing-tried'],
    });
    expect(evaluate({ ...base, painPlace: 'elsewhere', tried: [] }).kind).toBe('other-first');
    expect(rulesOf(evaluate({ ...base, painPlace: 'elsewhere', tried: [] }))).toEqual([
      'not-spine',
      'nothing-tried',
    ]);
  });

  it('each safety answer: talk to your doctor first, naming every one that applies', () => {
    for (const concern of ['infection', 'bleeding', 'pregnancy', 'allergy', 'face-down'] as const) {
      expect(evaluate({ ...base, safety: [concern] })).toEqual({ kind: 'doctor-first', concerns: [concern] });
    }
    expect(evaluate({ ...base, safety: ['allergy', 'face-down'] })).toEqual({
      kind: 'doctor-first',
      concerns: ['allergy', 'face-down'],
    });
  });

  it('otherwise: may be worth asking about, with every reason that applies', () => {
    expect(evaluate(base)).toEqual({ kind: 'worth-asking', reasons: ['care-tried'] });
    expect(evaluate({ ...base, pastSurgery: 'yes' }).kind).toBe('worth-asking');
    expect(
      rulesOf(
        evaluate({ ...base, pastSurgery: 'yes', painSpreads: 'yes', tried: ['pain-pump', 'injections'] }),
      ),
    ).toEqual(['after-surgery', 'into-limb', 'stimulator-or-pump', 'care-tried']);
    expect(evaluate({ ...base, tried: ['spinal-cord-stimulator'] })).toEqual({
      kind: 'worth-asking',
      reasons: ['stimulator-or-pump'],
    });
    // "Not sure" is no reason on its own, and how long the pain has lasted decides nothing.
    expect(evaluate({ ...base, painSpreads: 'unsure', painDuration: 'under-3-months' })).toEqual(
      evaluate(base),
    );
  });

  it('every rule is reached by some answers, and every result kind by some rule', () => {
    const reached = new Set<string>();
    const cases: Answers[] = [
      { ...base, warningSigns: ['fever'] },
      { ...base, painPlace: 'elsewhere', tried: [] },
      { ...base, safety: ['infection', 'bleeding', 'pregnancy', 'allergy', 'face-down'] },
      { ...base, pastSurgery: 'yes', painSpreads: 'yes', tried: ['pain-pump', 'medication'] },
    ];
    for (const answers of cases) for (const id of rulesOf(evaluate(answers))) reached.add(id);
    expect([...reached].sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(new Set(RULES.map((r) => r.result))).toEqual(new Set(RESULT_KINDS));
  });
});

describe('reading the answers', () => {
  it('needs an answer from the list for every question, "none" counting as an answer', () => {
    expect(checkAnswers(raw())).toEqual({ ok: true, answers: base });
    const reading = checkAnswers(readAnswers({ getAll: () => [] }));
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(Object.keys(reading.errors)).toEqual(QUESTION_ORDER);
    expect(checkAnswers(raw({ 'pain-place': 'knee' }))).toEqual({
      ok: false,
      errors: { 'pain-place': 'required' },
    });
    expect(checkAnswers(raw({ safety: ['none', 'sleepy'] }))).toEqual({
      ok: false,
      errors: { safety: 'required' },
    });
    expect(outcomeOf(raw({ tried: [] }))).toEqual({ kind: 'errors', errors: { tried: 'required' } });
  });

  it('keeps the first of a repeated single answer and ignores anything that is not text', () => {
    const form = new FormData();
    form.append('pain-place', 'neck');
    form.append('pain-place', 'elsewhere');
    form.append('tried', new Blob(['x']));
    form.append('tried', 'medication');
    form.append('tried', 'medication');
    const answers = readAnswers(form);
    expect(answers['pain-place']).toBe('neck');
    expect(answers.tried).toEqual(['medication']);
  });
});

describe('what "Request a call back" may bring to the request form', () => {
  it('maps the answers to the form’s fields and its self-check list, and survives the trip', () => {
    const carried = carriedFrom({
      ...base,
      painPlace: 'neck',
      pastSurgery: 'yes',
      painSpreads: 'unsure',
      tried: ['medication', 'injections', 'pain-pump'],
    });
    expect(carried).toEqual({
      'pain-area': ['neck'],
      'pain-duration': '1-to-5-years',
      treatments: ['medication', 'injections', 'pain-pump', 'surgery'],
      'self-check': [
        'result-worth-asking',
        'no-warning-signs',
        'no-safety-answers',
        'back-or-neck-surgery',
        'pain-into-limb-unsure',
      ],
    });
    expect(readCarried(encodeCarried(carried))).toEqual(carried);
    expect(readCarried('pain-area=knee&given-name=Ana&self-check=diagnosis')).toEqual({});
  });
});

/** The research file, beside the repository (../shared/research/ from the main checkout). */
function researchText(): string | null {
  let dir = process.cwd();
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'shared', RESEARCH_FILE);
    if (existsSync(file)) return readFileSync(file, 'utf8');
    dir = dirname(dir);
  }
  return null;
}

describe('the facts behind the rules', () => {
  const research = researchText();
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  // The research file lives beside the repository, not in it: a clone elsewhere has none to read.
  it.skipIf(research === null)('each rule quotes its fact exactly from the research file', () => {
    expect(research, `shared/${RESEARCH_FILE} not found above ${process.cwd()}`).not.toBeNull();
    for (const rule of RULES) expect(flat(research ?? ''), rule.id).toContain(flat(rule.fact.quote));
  });
});

describe('the words, in both languages', () => {
  it('has a label for every question and option, and words for every reason of every result', () => {
    for (const locale of LOCALES) {
      const t = selfCheckText(locale);
      for (const name of QUESTION_ORDER) {
        expect(t.questions[name].label, `${locale} ${name}`).not.toBe('');
        for (const option of QUESTIONS[name].options)
          expect(
            (t.questions[name].options as Record<string, string>)[option],
            `${locale} ${name}.${option}`,
          ).toBeTruthy();
      }
      for (const rule of RULES) {
        const words =
          rule.result === 'urgent'
            ? t.urgent.text
            : rule.result === 'doctor-first'
              ? t.doctorFirst.concerns[rule.id as keyof typeof t.doctorFirst.concerns]
              : rule.result === 'other-first'
                ? t.otherFirst.reasons[rule.id as keyof typeof t.otherFirst.reasons]
                : t.worthAsking.reasons[rule.id as keyof typeof t.worthAsking.reasons];
        expect(words, `${locale} ${rule.id}`).toBeTruthy();
      }
    }
  });

  it('never says "candidate" or names a diagnosis, and every result says only a doctor decides', () => {
    for (const locale of LOCALES) {
      const all = selfCheckTextBlocks(locale).join(' ');
      expect(all).not.toMatch(/candidat/i);
      expect(selfCheckText(locale).notDiagnosis).toMatch(
        locale === 'en' ? /Only a doctor/ : /Solo un médico/,
      );
    }
  });

  it('reads at US grade 8 or lower in English', () => {
    const r = measure(selfCheckTextBlocks('en'), 'en');
    expect(r.score).toBeLessThanOrEqual(8);
    expect(isPlainEnough(r, 'en')).toBe(true);
  });

  it('reads at 65 or more on the INFLESZ scale in Spanish', () => {
    const r = measure(selfCheckTextBlocks('es'), 'es');
    expect(r.score).toBeGreaterThanOrEqual(SPANISH_MIN_INFLESZ);
    expect(isPlainEnough(r, 'es')).toBe(true);
  });
});

describe('the list for the medical reviewer', () => {
  it('docs/content-review.md names every rule with its quote', () => {
    const doc = readFileSync(new URL('../../../docs/content-review.md', import.meta.url), 'utf8');
    for (const rule of RULES) {
      expect(doc, rule.id).toContain(`| \`${rule.id}\` | ${rule.result} |`);
      expect(doc, rule.id).toContain(`“${rule.fact.quote}”`);
    }
  });
});
