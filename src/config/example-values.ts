import type { Clinic } from './clinic.ts';

/**
 * The shipped clinic.config.json holds made-up details so the site runs out of the box. Going
 * live with them would show patients a phone number that rings nowhere and a doctor who does not
 * exist, so the server warns at every start while any is left.
 * @returns a phrase per example value still in the config, naming where it is
 * @example exampleValuesIn(clinic) // ['the phone (+12135550142) is a 555 number']
 */
export function exampleValuesIn(clinic: Clinic): string[] {
  const found: string[] = [];
  // North American 555-01xx numbers are reserved for fiction.
  if (/^\+1\d{3}55501\d\d$/.test(clinic.phone)) found.push(`the phone (${clinic.phone}) is a 555 number`);
  if (/example/i.test(Object.values(clinic.address).join(' '))) found.push(`the address says "Example"`);
  const people = [
    ...clinic.physicians.map((p) => ['a physician', p.name]),
    ['the medical reviewer', clinic.medicalReviewer.name],
  ];
  for (const [role, name] of people) if (/example/i.test(name as string)) found.push(`${role} is "${name}"`);
  return found;
}
