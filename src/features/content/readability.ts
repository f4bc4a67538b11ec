import { syllable } from 'syllable';

/**
 * Reading-level formulas for patient text. Pure: text in, figures out.
 * - English: Flesch-Kincaid grade = 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.
 * - Spanish: Szigriszt-Pazos perspicuity = 206.835 - 62.3 (syllables/words) - (words/sentences),
 *   read on the INFLESZ scale (the usual one for Spanish health texts): below 40 very hard,
 *   40–55 somewhat hard, 55–65 normal, 65–80 fairly easy, above 80 very easy. We ask for 65.
 *   Longer words and longer sentences both lower the score.
 * Headings and list items count as sentences, as readability tools usually treat them.
 */
export type Readability = { words: number; sentences: number; syllables: number; score: number };

export const ENGLISH_MAX_GRADE = 8;
/** INFLESZ "bastante fácil" (fairly easy) or easier. */
export const SPANISH_MIN_INFLESZ = 65;

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;
const HAS_LETTER = /\p{L}/u;

/** `blocks` are paragraphs, headings and list items as plain text. */
export function measure(blocks: string[], lang: 'en' | 'es'): Readability {
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  for (const block of blocks) {
    const found = block.match(WORD) ?? [];
    if (found.length === 0) continue;
    words += found.length;
    sentences += Math.max(1, block.split(/[.!?¿¡:;]+(?:\s|$)/).filter((s) => HAS_LETTER.test(s)).length);
    for (const w of found) syllables += lang === 'en' ? Math.max(1, syllable(w)) : spanishSyllables(w);
  }
  const wps = words / Math.max(1, sentences);
  const spw = syllables / Math.max(1, words);
  const score =
    lang === 'en' ? 0.39 * wps + 11.8 * spw - 15.59 : 206.835 - 62.3 * spw - wps;
  return { words, sentences, syllables, score: Math.round(score * 10) / 10 };
}

export function isPlainEnough(r: Readability, lang: 'en' | 'es'): boolean {
  return lang === 'en' ? r.score <= ENGLISH_MAX_GRADE : r.score >= SPANISH_MIN_INFLESZ;
}

const STRONG = new Set('aeoáéó');
const ACCENTED_WEAK = new Set('íú');
const VOWEL = /[aeiouáéíóúü]/;

/**
 * Spanish syllables by vowel nuclei: a run of vowels is one syllable (diphthongs, triphthongs)
 * except where two strong vowels meet or an accented í/ú stands next to a vowel (hiatus).
 * A final "y" after a vowel closes a diphthong ("muy", "hoy").
 */
export function spanishSyllables(word: string): number {
  const letters = word.toLowerCase().normalize('NFC');
  let count = 0;
  let previous = '';
  for (const ch of letters) {
    if (VOWEL.test(ch)) {
      const hiatus =
        previous !== '' && ((STRONG.has(previous) && STRONG.has(ch)) || ACCENTED_WEAK.has(previous) || ACCENTED_WEAK.has(ch));
      if (previous === '' || hiatus) count++;
      previous = ch;
    } else {
      previous = '';
    }
  }
  return Math.max(1, count);
}
