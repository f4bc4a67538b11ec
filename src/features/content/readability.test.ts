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

  it('computes Szigriszt-Pazos perspicuity (INFLESZ) for Spanish', () => {
    const r = measure(['El día es muy bonito. La casa es grande.'], 'es');
    expect(r).toMatchObject({ words: 9, sentences: 2, syllables: 14 });
    expect(r.score).toBeCloseTo(206.835 - 62.3 * (14 / 9) - 9 / 2, 1);
  });

  it('scores the same Spanish words lower as one long sentence than as short ones', () => {
    const short = measure(
      ['El médico le pone un tubo fino. Lo pasa por la espalda. Llega hasta el nervio. Allí deja la medicina para calmar el dolor.'],
      'es',
    );
    const long = measure(
      ['El médico le pone un tubo fino, lo pasa por la espalda, llega hasta el nervio, allí deja la medicina para calmar el dolor.'],
      'es',
    );
    expect(long.words).toBe(short.words);
    expect(long.syllables).toBe(short.syllables);
    expect(long.sentences).toBe(1);
    expect(long.score).toBeLessThan(short.score);
    expect(short.score - long.score).toBeCloseTo(long.words - short.words / short.sentences, 1);
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
