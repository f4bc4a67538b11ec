import { z } from 'zod';
import { FIELD_ORDER, fieldSpec, FIELDS, type ChoiceOf, type FieldName, type FieldSpec } from './fields.ts';

/**
 * Everything a patient typed, as one JSON document: this is what gets sealed to the clinic key
 * (HPKE, with the request id as associated data) and what the inbox and export open again.
 * Its properties and their types follow from the field list (fields.ts). `version` lets a later
 * form add fields without breaking old requests: a field that may be left empty and is missing
 * from an older document is read as not given.
 */

type Fields = typeof FIELDS;
type SealedValue<N extends FieldName> = Fields[N]['sealed'] extends 'text' | 'text-or-empty'
  ? string
  : Fields[N]['sealed'] extends 'text-or-null' | 'tel'
    ? string | null
    : Fields[N]['sealed'] extends 'number'
      ? number
      : Fields[N]['sealed'] extends 'true'
        ? true
        : Fields[N]['sealed'] extends 'choices'
          ? ChoiceOf<N>[]
          : Fields[N]['sealed'] extends 'choice-or-null'
            ? ChoiceOf<N> | null
            : ChoiceOf<N>;

/** Kinds a field may lack in a document sealed before it existed: read as not given. */
type MayBeAbsent = 'text-or-empty' | 'text-or-null' | 'tel' | 'choice-or-null';

export type RequestFields = { version: 1 } & {
  -readonly [
    N in FieldName as Fields[N]['sealed'] extends MayBeAbsent ? never : Fields[N]['prop']
  ]: SealedValue<N>;
} & {
  -readonly [
    N in FieldName as Fields[N]['sealed'] extends MayBeAbsent ? Fields[N]['prop'] : never
  ]?: SealedValue<N>;
};

/** Bounds are in UTF-16 units (zod counts those), so they are twice the form's limits in characters. */
function schemaOf(spec: FieldSpec): z.ZodType {
  const text = z.string().max((spec.max ?? 0) * 2);
  const choices = Object.keys(spec.options ?? {}) as [string, ...string[]];
  switch (spec.sealed) {
    case 'text':
      return text.min(1);
    case 'text-or-empty':
      return text.default('');
    case 'text-or-null':
      return text.nullable().default(null);
    case 'tel':
      return z
        .string()
        .regex(/^\+\d{7,15}$/)
        .nullable()
        .default(null);
    case 'choice':
      return z.enum(choices);
    case 'choice-or-null':
      return z.enum(choices).nullable().default(null);
    case 'number':
      return z
        .number()
        .int()
        .refine((n) => choices.includes(String(n)));
    case 'choices':
      // A list that may be empty reads as empty in a document sealed before it existed.
      return spec.min ? z.array(z.enum(choices)).min(spec.min) : z.array(z.enum(choices)).default([]);
    case 'true':
      return z.literal(true);
  }
}

export const RequestFieldsSchema = z.object({
  version: z.literal(1),
  ...Object.fromEntries(FIELD_ORDER.map((name) => [fieldSpec(name).prop, schemaOf(fieldSpec(name))])),
});

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
  return result.data as RequestFields;
}

/** The bytes that get sealed: UTF-8 JSON of the fields. */
export function serializeRequestFields(fields: RequestFields): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(fields));
}
