import type { Clinic } from '../config/clinic.ts';
import type { Locale } from '../i18n/locales.ts';

/** A first-party image with its size, so the page keeps its place while it loads. */
export type SiteImage = {
  src: string;
  width: number;
  height: number;
  /** A JPEG or PNG copy for browsers without the modern format. */
  fallback?: { src: string; type: string };
  type: string;
};

/** What every page's frame needs: who the clinic is, where the site lives, its nav and assets. */
export type Site = {
  siteUrl: string;
  clinic: Clinic;
  phoneDisplay: string;
  logo: SiteImage;
  /** Each physician's photo, in the order of clinic.physicians. */
  physicianPhotos: SiteImage[];
  stylesheet: string;
  /** The staff area's own stylesheet, so public pages stay small. */
  staffStylesheet: string;
  /** The analytics dashboard's one script: it refreshes the "right now" figure. */
  analyticsNowScript: string;
  /** Pages in the main menu, per locale, in reading order. */
  nav: Record<Locale, { label: string; href: string }[]>;
  /** The menu's second part: the clinic's own pages (physicians, location, insurance). */
  clinicNav: Record<Locale, { label: string; href: string }[]>;
  /** Footer links to the policy pages, per locale. */
  policies: Record<Locale, { label: string; href: string }[]>;
  home: Record<Locale, string>;
  request: Record<Locale, string>;
};
