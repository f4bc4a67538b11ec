import type { Locale } from '../../../i18n/locales.ts';
import { en, type FormText } from './form-text-en.ts';
import { es } from './form-text-es.ts';

export type { FormText };

const TEXT: Record<Locale, FormText> = { en, es };

/** The words of the request form and thank-you page in a language. */
export function formText(locale: Locale): FormText {
  return TEXT[locale];
}
