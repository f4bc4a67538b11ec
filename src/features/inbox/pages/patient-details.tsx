import type { Child } from 'hono/jsx';
import { formatPhone } from '../../../config/clinic.ts';
import { FIELD_ORDER, fieldSpec, type FieldSpec, type RequestFields } from '../../requests/index.ts';
import { Lines } from './parts.tsx';

function phone(e164: string): string {
  try {
    return formatPhone(e164);
  } catch {
    return e164;
  }
}

/** A choice as the form named it, in English. */
const choice = (spec: FieldSpec, value: unknown) => spec.options?.[String(value)]?.en ?? String(value);

/** Any field's answer, read from the field list: choices in words, lists joined, nothing as "None given". */
function answer(spec: FieldSpec, value: unknown): Child {
  const none = spec.staff?.empty ?? 'None given';
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.map((v) => choice(spec, v)).join(', ') : none;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return spec.options ? choice(spec, value) : String(value);
}

/** Fields shown in their own way; every other field is shown by `answer`. */
const SHOWN: Partial<Record<string, (f: RequestFields) => Child>> = {
  givenName: (f) => `${f.givenName} ${f.familyName}`,
  tel: (f) => (f.tel ? <a href={`tel:${f.tel}`}>{phone(f.tel)}</a> : 'None given'),
  email: (f) => (f.email ? <a href={`mailto:${f.email}`}>{f.email}</a> : 'None given'),
  language: (f) =>
    f.language === 'other' && f.languageOther
      ? `${choice(fieldSpec('language'), 'other')}: ${f.languageOther}`
      : choice(fieldSpec('language'), f.language),
  painLevel: (f) => `${f.painLevel} out of 10`,
  message: (f) => (f.message ? <Lines text={f.message} /> : 'None'),
};

/** Everything the patient typed, opened in this session, as a list of question → answer. */
export function PatientDetails({ fields }: { fields: RequestFields }) {
  const rows = FIELD_ORDER.map(fieldSpec).flatMap((spec): [string, Child][] => {
    if (!spec.staff) return [];
    const shown = SHOWN[spec.prop];
    const value = (fields as Record<string, unknown>)[spec.prop];
    return [[spec.staff.label, shown ? shown(fields) : answer(spec, value)]];
  });
  return (
    <dl class="details">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}
