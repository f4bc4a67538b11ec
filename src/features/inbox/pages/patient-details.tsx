import type { Child } from 'hono/jsx';
import { formatPhone } from '../../../config/clinic.ts';
import { formText } from '../../intake/pages/form-text.ts';
import type { RequestFields } from '../../intake/request-fields.ts';
import { Lines } from './parts.tsx';

const t = formText('en');

/** Options as the form named them, joined for reading: "Neck, Lower back". */
const labels = <K extends string>(names: Record<K, string>, values: readonly K[]) =>
  values.length ? values.map((v) => names[v] ?? v).join(', ') : 'None given';

function phone(e164: string): string {
  try {
    return formatPhone(e164);
  } catch {
    return e164;
  }
}

/** Everything the patient typed, opened in this session, as a list of question → answer. */
export function PatientDetails({ fields }: { fields: RequestFields }) {
  const language =
    fields.language === 'other' && fields.languageOther
      ? `${t.languages.other}: ${fields.languageOther}`
      : t.languages[fields.language];
  const rows: [string, Child][] = [
    ['Name', `${fields.givenName} ${fields.familyName}`],
    ['Phone', fields.tel ? <a href={`tel:${fields.tel}`}>{phone(fields.tel)}</a> : 'None given'],
    ['E-mail', fields.email ? <a href={`mailto:${fields.email}`}>{fields.email}</a> : 'None given'],
    ['Contact by', t.contactMethods[fields.contactMethod]],
    ['Best time', t.bestTimes[fields.bestTime]],
    ['Language', language],
    [t.postalCode, fields.postalCode || 'None given'],
    ['Pain', labels(t.painAreas, fields.painAreas)],
    ['For how long', t.painDurations[fields.painDuration]],
    ['Pain today', `${fields.painLevel} out of 10`],
    ['Already tried', labels(t.treatmentOptions, fields.treatments)],
    ['Insurance', fields.insurance ? t.insurances[fields.insurance] : 'None given'],
    ['Message', fields.message ? <Lines text={fields.message} /> : 'None'],
    ['Heard about us', fields.heardFrom ?? 'Not said'],
    ['Agreed to be contacted', fields.consent ? 'Yes' : 'No'],
  ];
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
