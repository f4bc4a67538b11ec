import { z } from 'zod';
import {
  BEST_TIMES,
  CONTACT_METHODS,
  INSURANCES,
  LANGUAGES,
  LIMITS,
  PAIN_AREAS,
  PAIN_DURATIONS,
  TREATMENTS,
} from './fields.ts';

/**
 * Everything a patient typed, as one JSON document: this is what gets sealed to the clinic key
 * (HPKE, with the request id as associated data) and what the inbox and export open again.
 * `version` lets a later form add fields without breaking old requests. Bounds here are in UTF-16
 * units (zod counts those), so they are twice the form's limits in characters.
 */
export const RequestFieldsSchema = z.object({
  version: z.literal(1),
  givenName: z
    .string()
    .min(1)
    .max(LIMITS.name * 2),
  familyName: z
    .string()
    .min(1)
    .max(LIMITS.name * 2),
  /** E.164, like "+12135550142"; null when only an e-mail address was given. */
  tel: z
    .string()
    .regex(/^\+\d{7,15}$/)
    .nullable(),
  email: z.string().max(LIMITS.email).nullable(),
  contactMethod: z.enum(CONTACT_METHODS),
  bestTime: z.enum(BEST_TIMES),
  language: z.enum(LANGUAGES),
  /** The language named when `language` is "other"; otherwise null. */
  languageOther: z
    .string()
    .max(LIMITS.languageOther * 2)
    .nullable(),
  postalCode: z.string().max(LIMITS.postalCode),
  painAreas: z.array(z.enum(PAIN_AREAS)).min(1),
  painDuration: z.enum(PAIN_DURATIONS),
  painLevel: z.number().int().min(0).max(10),
  treatments: z.array(z.enum(TREATMENTS)),
  insurance: z.enum(INSURANCES).nullable(),
  /** May be empty; line breaks kept as "\n". */
  message: z.string().max(LIMITS.message * 2),
  heardFrom: z
    .string()
    .max(LIMITS.heardFrom * 2)
    .nullable(),
  consent: z.literal(true),
});

export type RequestFields = z.infer<typeof RequestFieldsSchema>;

/**
 * Reads an opened (decrypted) request back into typed fields. Throws when the document is not
 * JSON or does not have the shape above; the error names fields, never their values.
 * @example const fields = parseSealedRequest(await openSealed(privateKey, row.sealed, utf8(row.id)));
 */
export function parseSealedRequest(json: string | Uint8Array): RequestFields {
  const text = typeof json === 'string' ? json : new TextDecoder('utf-8', { fatal: true }).decode(json);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The opened request is not valid JSON.');
  }
  const result = RequestFieldsSchema.safeParse(data);
  if (!result.success) {
    const where = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(document)'))];
    throw new Error(`The opened request does not have the expected fields: ${where.join(', ')}.`);
  }
  return result.data;
}

/** The bytes that get sealed: UTF-8 JSON of the fields. */
export function serializeRequestFields(fields: RequestFields): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(fields));
}
