import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { PhoneCheck } from './rules.ts';

/**
 * The server's phone rule: libphonenumber-js (its compact metadata), US numbers by default and
 * other countries when written with "+" and a country code. Returns E.164, like "+12135550142".
 * @example serverPhoneCheck('(213) 555-0142') // '+12135550142'
 */
export const serverPhoneCheck: PhoneCheck = (typed) => {
  const parsed = parsePhoneNumberFromString(typed, 'US');
  return parsed && parsed.isValid() && !parsed.ext ? parsed.number : null;
};
