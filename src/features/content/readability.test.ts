import { describe, expect, it } from 'vitest';
import { isPlainEnough, measure, spanishSyllables } from './readability.ts';

describe('Spanish syllables', () => {
  it.each([
    ['neuroplastia', 4],
    ['columna', 3],
    ['día', 2],
    ['ciudad', 2],
    ['poeta', 3],
    ['muy', 1],
    ['que', 1],
    ['tratamiento', 4],
    ['país', 2],
    ['y', 1],
  ])('%s has %i', (word, count) => {
    expect(spanishSyllables(word)).toBe(count);
  });
});

describe('measure', () => {
  it('computes the Flesch-Kincaid grade from words, sentences and syllables', () => {
    // 7 words in 2 sentences: 0.39 × 7/2 + 11.8 × syllables/7 − 15.59
    const r = measure(['The cat sat. The dog ran away.'], 'en');
    expect(r).toMatchObject({ words: 7, sentences: 2 });
    expect(r.score).toBeCloseTo(0.39 * 3.5 + 11.8 * (r.syllables / 7) - 15.59, 1);
  });

  it('computes Fernández-Huerta for Spanish', () => {
    const r = measure(['El día es muy bonito. La casa es grande.'], 'es');
    expect(r.words).toBe(9);
    expect(r.sentences).toBe(2);
    expect(r.score).toBeCloseTo(206.84 - 0.6 * ((100 * r.syllables) / 9) - 1.02 * ((100 * 2) / 9), 1);
  });

  it('fails hard text and passes plain text', () => {
    const hard = measure(
      ['Percutaneous epidural adhesiolysis necessitates fluoroscopically guided catheterization of the sacral hiatus, facilitating hyaluronidase administration.'],
      'en',
    );
    expect(isPlainEnough(hard, 'en')).toBe(false);
    expect(isPlainEnough(measure(['A thin tube goes into your back. It puts medicine near the nerve.'], 'en'), 'en')).toBe(true);
    const duro = measure(['La adhesiólisis epidural percutánea requiere cateterización fluoroscópicamente guiada.'], 'es');
    expect(isPlainEnough(duro, 'es')).toBe(false);
  });
});
