import { basename } from 'node:path';
import { nameIn, type Clinic, type Localized } from './clinic.ts';

/** The shipped config marks its made-up text with these words. */
const EXAMPLE = /example|ejemplo/i;
const isExample = (text: Localized) => EXAMPLE.test(`${text.en} ${text.es}`);

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
  if (EXAMPLE.test(Object.values(clinic.address).join(' '))) found.push(`the address says "Example"`);
  if (EXAMPLE.test(basename(clinic.logo)))
    found.push(`the logo is the example file (${basename(clinic.logo)})`);
  for (const p of clinic.physicians) {
    if (EXAMPLE.test(p.name)) found.push(`a physician is "${p.name}"`);
    if (EXAMPLE.test(basename(p.photo))) found.push(`${p.name}'s photo is the example placeholder`);
    if (isExample(p.bio) || isExample(p.boardCertification))
      found.push(`${p.name}'s bio or board certification is example text`);
  }
  if (EXAMPLE.test(clinic.medicalReviewer.name))
    found.push(`the medical reviewer is "${clinic.medicalReviewer.name}"`);
  for (const [part, text] of Object.entries(clinic.location))
    if (isExample(text)) found.push(`the location's ${part} is example text`);
  for (const plan of clinic.acceptedInsurance)
    if (EXAMPLE.test(nameIn(plan, 'en'))) found.push(`the accepted insurance lists "${nameIn(plan, 'en')}"`);
  if (isExample(clinic.costNote)) found.push('the cost note is example text');
  return found;
}
