import { readFileSync } from 'node:fs';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { z } from 'zod';
import { ConfigError } from './env.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, like "08:30"');
const person = z.object({ name: z.string().min(3), credentials: z.string().min(2) });

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
  physicians: z.array(person).min(1),
  medicalReviewer: person,
  /** The promise on the request form's thank-you page: an answer within this many open hours. */
  responseTargetBusinessHours: z.number().int().min(1).max(120).default(8),
  /**
   * Days a closed request keeps what the patient typed (and staff notes); then the daily purge
   * deletes them, keeping the request's clear metadata and the audit trail.
   */
  retentionDays: z.number().int().min(1).max(3650).default(365),
});

export type Clinic = z.infer<typeof ClinicSchema>;
export type Weekday = (typeof DAYS)[number];

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
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new ConfigError(
    `Invalid clinic config ${source}:\n- ${lines.join('\n- ')}\nSee clinic.config.json in the repository for a complete example.`,
  );
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
