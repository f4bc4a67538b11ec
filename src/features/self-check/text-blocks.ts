import type { Locale } from '../../i18n/locales.ts';
import { selfCheckText } from './text.ts';

/**
 * Every sentence the self-check can show in a language, as text blocks for the reading-level
 * check (npm run content:check and the tests): each string is one block, as list items and
 * headings are on the content pages. Words that take a value are filled with a typical one.
 */
export function selfCheckTextBlocks(locale: Locale): string[] {
  const t = selfCheckText(locale);
  const blocks: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.trim() !== '') blocks.push(value);
    } else if (typeof value === 'function') {
      blocks.push(String(value.length === 2 ? value(2, 7) : value(t.doctorFirst.about.allergy)));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(t);
  return blocks;
}
