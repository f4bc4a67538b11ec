import type { Clinic } from '../config/clinic.ts';
import type { Locale } from '../i18n/locales.ts';

/** What every page's frame needs: who the clinic is, where the site lives, its nav and assets. */
export type Site = {
  siteUrl: string;
  clinic: Clinic;
  phoneDisplay: string;
  stylesheet: string;
  /** The staff area's own stylesheet, so public pages stay small. */
  staffStylesheet: string;
  /** Pages in the main menu, per locale, in reading order. */
  nav: Record<Locale, { label: string; href: string }[]>;
  /** Footer links to the policy pages, per locale. */
  policies: Record<Locale, { label: string; href: string }[]>;
  home: Record<Locale, string>;
  request: Record<Locale, string>;
};
