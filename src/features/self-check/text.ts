import type { Locale } from '../../i18n/locales.ts';
import { en, type SelfCheckText } from './text-en.ts';
import { es } from './text-es.ts';

export type { SelfCheckText };

const TEXT: Record<Locale, SelfCheckText> = { en, es };

export function selfCheckText(locale: Locale): SelfCheckText {
  return TEXT[locale];
}
