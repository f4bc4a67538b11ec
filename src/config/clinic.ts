import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { z } from 'zod';
import { brandPalette } from './brand-colour.ts';
import { ConfigError } from './env.ts';
import { shortLinkProblem } from './short-links.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, like "08:30"');
const person = z.object({ name: z.string().min(3), credentials: z.string().min(2) });

/** Text the patient reads, in each language the site speaks. */
const localized = (min: number, max: number) =>
  z.object({ en: z.string().min(min).max(max), es: z.string().min(min).max(max) });
/** A name that reads the same in both languages ("Medicare"), or one per language. */
const localizedName = z.union([z.string().min(2).max(80), localized(2, 80)]);

/** A file beside the config (the path is relative to the config file), by its ending. */
const imageFile = (endings: string[], example: string) =>
  z
    .string()
    .refine(
      (path) => endings.some((e) => path.toLowerCase().endsWith(`.${e}`)),
      `use a ${endings.map((e) => `.${e}`).join(', ')} file beside the config, like "${example}"`,
    );
/** Modern formats for photos; a JPEG or PNG copy can be given as the fallback. */
const photoFile = imageFile(['svg', 'webp', 'avif'], 'clinic-files/dr-lopez.webp');
const fallbackFile = imageFile(['jpg', 'jpeg', 'png'], 'clinic-files/dr-lopez.jpg');

const physician = person.extend({
  /** "Board certified in anesthesiology and pain medicine", per language. */
  boardCertification: localized(10, 200),
  /** A short bio (two to four sentences), per language. */
  bio: localized(40, 700),
  photo: photoFile,
  photoFallback: fallbackFile.optional(),
});

/** ISO 639-1 codes of the languages the front-desk staff speak, like ["en", "es"]. */
const languageCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'use two-letter language codes, like "es"')
  .refine((code) => isLanguageCode(code), 'not a known language code');

export const ClinicSchema = z.object({
  name: z.string().min(3).max(80),
  /** E.164, like "+12135550142"; shown to patients in national format. */
  phone: z.string().refine(isE164Phone, 'use E.164 with country code, like "+12135550142"'),
  address: z.object({
    street: z.string().min(3),
    city: z.string().min(2),
    region: z.string().length(2, 'use the two-letter state code, like "CA"'),
    postalCode: z.string().regex(/^\d{5}$/, 'use a 5-digit ZIP code'),
    country: z.literal('US'),
  }),
  timeZone: z.string().refine(isTimeZone, 'use an IANA time zone, like "America/Los_Angeles"'),
  hours: z
    .array(z.object({ days: z.array(z.enum(DAYS)).min(1), opens: time, closes: time }))
    .min(1)
    .refine((hs) => hs.every((h) => h.opens < h.closes), 'each "opens" must be before its "closes"'),
  /** The clinic's logo, an SVG file, shown beside its name at the top of every page. */
  logo: imageFile(['svg'], 'clinic-files/logo.svg'),
  /** Links, buttons and the header are drawn in it; it must keep AA contrast with white. */
  brandColor: z.string().superRefine((value, ctx) => {
    const result = brandPalette(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.problem });
  }),
  physicians: z.array(physician).min(1),
  medicalReviewer: person,
  /** How to find the clinic, per language: the "Location and hours" page. */
  location: z.object({
    directions: localized(20, 600),
    parking: localized(10, 400),
    transit: localized(10, 400),
    accessibility: localized(10, 400),
  }),
  /** Insurance plans and programs the clinic accepts, as patients know them. */
  acceptedInsurance: z.array(localizedName).min(1),
  /** What a patient should know about cost and insurance at this clinic, per language. */
  costNote: localized(40, 700),
  /** The languages staff speak with patients; the site only promises help in these. */
  staffLanguages: z.array(languageCode).min(1),
  /** The promise on the request form's thank-you page: an answer within this many open hours. */
  responseTargetBusinessHours: z.number().int().min(1).max(120).default(8),
  /**
   * Days a closed request keeps what the patient typed (and staff notes); then the daily purge
   * deletes them, keeping the request's clear metadata and the audit trail.
   */
  retentionDays: z.number().int().min(1).max(3650).default(365),
  /**
   * Short links for offline campaigns: "/radio" → "/es/?utm_source=radio&utm_medium=audio&…",
   * answered with a redirect so the landing page carries the campaign's UTM values.
   */
  shortLinks: z
    .record(z.string(), z.string())
    .default({})
    .superRefine((links, ctx) => {
      const paths = Object.keys(links);
      for (const [path, target] of Object.entries(links)) {
        const problem = shortLinkProblem(path, target, paths);
        if (problem) ctx.addIssue({ code: 'custom', path: [path], message: problem });
      }
    }),
});

export type Clinic = z.infer<typeof ClinicSchema>;
export type Physician = Clinic['physicians'][number];
export type Localized = { en: string; es: string };
export type Weekday = (typeof DAYS)[number];

/** A localizedName in one language. */
export function nameIn(name: string | Localized, locale: 'en' | 'es'): string {
  return typeof name === 'string' ? name : name[locale];
}

function isLanguageCode(code: string): boolean {
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return names.of(code) !== undefined;
}

function isE164Phone(value: string): boolean {
  try {
    return /^\+\d{8,15}$/.test(value) && parsePhoneNumberWithError(value).isValid();
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Parses clinic identity from already-read JSON text; `source` names the file in messages. */
export function parseClinic(text: string, source: string): Clinic {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid clinic config ${source}: not valid JSON (${(error as Error).message})`);
  }
  const result = ClinicSchema.safeParse(data);
  if (result.success) return withFilesResolved(result.data, dirname(source));
  const lines = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new ConfigError(
    `Invalid clinic config ${source}:\n- ${lines.join('\n- ')}\nSee clinic.config.json in the repository for a complete example.`,
  );
}

/** Image paths are written relative to the config file; the rest of the code gets them absolute. */
function withFilesResolved(clinic: Clinic, dir: string): Clinic {
  return {
    ...clinic,
    logo: resolve(dir, clinic.logo),
    physicians: clinic.physicians.map((p) => ({
      ...p,
      photo: resolve(dir, p.photo),
      ...(p.photoFallback ? { photoFallback: resolve(dir, p.photoFallback) } : {}),
    })),
  };
}

export function loadClinic(path: string): Clinic {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(
      `CLINIC_CONFIG file ${path} cannot be read. Example: CLINIC_CONFIG=./clinic.config.json`,
    );
  }
  return parseClinic(text, path);
}

/** "(213) 555-0142" for display; the E.164 form goes in tel: links. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberWithError(e164).formatNational();
}
