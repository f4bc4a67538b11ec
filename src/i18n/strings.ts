import { dateTimeFormat } from '../lib/date-format.ts';
import type { Locale } from './locales.ts';

/** Every UI string in English; Spanish must supply the same keys (the type enforces it). */
const en = {
  languageName: 'English',
  procedureName: 'Neuroplasty (percutaneous epidural adhesiolysis)',
  procedureAlternateNames: ['Epidural adhesiolysis', 'Epidural lysis of adhesions', 'Racz procedure'],
  procedureLocation: 'Epidural space of the spine',
  switchLanguage: 'Leer en español',
  skipToContent: 'Skip to main content',
  mainNav: 'Main',
  menu: 'Pages',
  home: 'Home',
  requestInfo: 'Request information',
  requestCallBack: 'Request a call back',
  menuButton: 'Menu',
  callUs: 'Call',
  reviewedBy: (name: string, date: string) => `Medically reviewed by ${name} on ${date}.`,
  lastUpdated: (date: string) => `Last updated ${date}.`,
  references: 'References',
  nextStep: 'Next step',
  ctaTitle: 'Talk with our team',
  ctaText: 'Ask us if neuroplasty could help you. Send a confidential request, or call us.',
  emergency: 'Having an emergency? Call 911.',
  address: 'Address',
  hours: 'Hours',
  phone: 'Phone',
  photoOf: (name: string) => `Photo of ${name}`,
  directions: 'How to find us',
  parking: 'Parking',
  transit: 'By bus or train',
  buildingAccess: 'Getting into the building',
  staffLanguagesHeading: 'Languages we speak',
  staffLanguages: (names: string[]) => `Our staff speak ${listFormat('en', names)}.`,
  acceptedInsurance: 'Insurance we accept',
  footerPolicies: 'About this website',
  notFoundTitle: 'Page not found',
  notFoundText: 'We could not find that page. It may have moved. Try one of these:',
  errorTitle: 'Something went wrong',
  errorText: 'Our website had a problem. Please try again in a minute, or call us.',
  tooLargeTitle: 'Too much text',
  tooLargeText: 'What you sent was too long for us to take. Please go back and shorten it, or call us.',
};

export type Strings = typeof en;

/**
 * Spanish puts the article before a title: "por el Dr. Ruiz", "por la Dra. Ruiz". A name
 * without a title is left as it is.
 * @example withSpanishArticle('Dr. Alex Example, MD') // 'el Dr. Alex Example, MD'
 */
export function withSpanishArticle(name: string): string {
  if (/^Dra\.?\s/.test(name)) return `la ${name}`;
  if (/^Dr\.?\s/.test(name)) return `el ${name}`;
  return name;
}

const es: Strings = {
  languageName: 'Español',
  procedureName: 'Neuroplastia (adhesiólisis epidural percutánea)',
  procedureAlternateNames: [
    'Adhesiólisis epidural',
    'Lisis epidural de adherencias',
    'Procedimiento de Racz',
  ],
  procedureLocation: 'Espacio epidural de la columna',
  switchLanguage: 'Read in English',
  skipToContent: 'Ir al contenido principal',
  mainNav: 'Principal',
  menu: 'Páginas',
  home: 'Inicio',
  requestInfo: 'Pedir información',
  requestCallBack: 'Pedir una llamada',
  menuButton: 'Menú',
  callUs: 'Llame al',
  reviewedBy: (name, date) => `Revisado por ${withSpanishArticle(name)} el ${date}.`,
  lastUpdated: (date) => `Última actualización: ${date}.`,
  references: 'Referencias',
  nextStep: 'Siguiente paso',
  ctaTitle: 'Hable con nuestro equipo',
  ctaText: 'Pregúntenos si la neuroplastia le podría ayudar. Envíe una solicitud confidencial o llámenos.',
  emergency: '¿Tiene una emergencia? Llame al 911.',
  address: 'Dirección',
  hours: 'Horario',
  phone: 'Teléfono',
  photoOf: (name) => `Foto de ${name}`,
  directions: 'Cómo llegar',
  parking: 'Estacionamiento',
  transit: 'En autobús o tren',
  buildingAccess: 'Cómo entrar al edificio',
  staffLanguagesHeading: 'Idiomas que hablamos',
  staffLanguages: (names) => `Nuestro personal habla ${listFormat('es', names)}.`,
  acceptedInsurance: 'Seguros que aceptamos',
  footerPolicies: 'Sobre este sitio web',
  notFoundTitle: 'No encontramos la página',
  notFoundText: 'No pudimos encontrar esa página. Tal vez cambió de lugar. Pruebe una de estas:',
  errorTitle: 'Algo salió mal',
  errorText: 'Nuestro sitio web tuvo un problema. Inténtelo de nuevo en un minuto o llámenos.',
  tooLargeTitle: 'Demasiado texto',
  tooLargeText: 'Lo que envió es demasiado largo. Regrese y acórtelo, o llámenos.',
};

const STRINGS: Record<Locale, Strings> = { en, es };

/** "English and Spanish" / "inglés y español". */
function listFormat(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

const DATE_LOCALE: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

/** "November 20, 2026" / "20 de noviembre de 2026" from an ISO date. */
export function formatDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

const DAY_NAMES: Record<Locale, Record<string, string>> = {
  en: {},
  es: {
    Monday: 'lunes',
    Tuesday: 'martes',
    Wednesday: 'miércoles',
    Thursday: 'jueves',
    Friday: 'viernes',
    Saturday: 'sábado',
    Sunday: 'domingo',
  },
};

export function dayName(locale: Locale, day: string): string {
  return DAY_NAMES[locale][day] ?? day;
}

const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "8:00 AM" / "8:00" from "08:00". */
function formatTime(locale: Locale, hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dateTimeFormat(DATE_LOCALE[locale], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 1, h, m)),
  );
}

/**
 * One line of opening hours for people: consecutive days collapse into a range.
 * @example formatOpeningHours('en', ['Monday', …, 'Friday'], '08:00', '17:00') // "Monday–Friday, 8:00 AM–5:00 PM"
 */
export function formatOpeningHours(locale: Locale, days: string[], opens: string, closes: string): string {
  const indexes = days.map((d) => WEEK.indexOf(d)).sort((a, b) => a - b);
  const consecutive =
    indexes.length > 2 && indexes.every((d, i) => i === 0 || d === (indexes[i - 1] ?? 0) + 1);
  const name = (i: number) => dayName(locale, WEEK[i] ?? '');
  const dayText = consecutive
    ? `${name(indexes[0] ?? 0)}${locale === 'es' ? ' a ' : '–'}${name(indexes.at(-1) ?? 0)}`
    : indexes.map(name).join(', ');
  // The line starts a list item, so it starts with a capital ("Lunes a viernes"), as in English.
  const line = `${dayText}, ${formatTime(locale, opens)}–${formatTime(locale, closes)}`;
  return line.charAt(0).toLocaleUpperCase(locale) + line.slice(1);
}
