import { describe, expect, it } from 'vitest';
import { formatDate, formatOpeningHours, strings, withSpanishArticle } from './strings.ts';

describe('formatOpeningHours', () => {
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  it('collapses a run of days and writes times the local way', () => {
    expect(formatOpeningHours('en', weekdays, '08:00', '17:00')).toBe('Monday–Friday, 8:00 AM–5:00 PM');
    expect(formatOpeningHours('es', weekdays, '08:00', '17:30')).toMatch(
      /^Lunes a viernes, 8:00\s?a\.\s?m\.–5:30\s?p\.\s?m\.$/,
    );
  });
  it('lists days that are not a run', () => {
    expect(formatOpeningHours('en', ['Saturday', 'Monday'], '09:00', '12:00')).toBe(
      'Monday, Saturday, 9:00 AM–12:00 PM',
    );
  });
});

describe('formatDate', () => {
  it('writes review dates in each language', () => {
    expect(formatDate('en', '2026-11-20')).toBe('November 20, 2026');
    expect(formatDate('es', '2026-11-20')).toBe('20 de noviembre de 2026');
  });
});

describe('the language link and the review line', () => {
  it('each page offers the other language in that language', () => {
    expect(strings('en').switchLanguage).toBe('Leer en español');
    expect(strings('es').switchLanguage).toBe('Read in English');
  });

  it('Spanish puts the article before a doctor title', () => {
    expect(strings('es').reviewedBy('Dr. Alex Example, MD', '20 de noviembre de 2026')).toBe(
      'Revisado por el Dr. Alex Example, MD el 20 de noviembre de 2026.',
    );
    expect(withSpanishArticle('Dra. Ana Ruiz, MD')).toBe('la Dra. Ana Ruiz, MD');
    expect(withSpanishArticle('Ana Ruiz, MD')).toBe('Ana Ruiz, MD');
  });
});
