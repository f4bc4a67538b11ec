import type { PhoneCheck } from './rules.ts';

/**
 * The browser's phone rule: the North American numbering plan by pattern (area code and exchange
 * start with 2-9), in a few bytes instead of libphonenumber's metadata. It is never stricter than
 * the server's rule, so it never blocks a number the server would take; the few it lets through
 * (an unassigned area code) get the same message from the server after sending.
 * Numbers with another country code are left to the server.
 * @example litePhoneCheck('1 (213) 555-0142') // '+12135550142'
 */
export const litePhoneCheck: PhoneCheck = (typed) => {
  // "011" is how people in the US dial out; the rest is an international number.
  const compact = typed.replace(/[\s().-]/g, '').replace(/^011(?=[2-9])/, '+');
  if (compact.startsWith('+') && !compact.startsWith('+1')) {
    return /^\+[2-9]\d{6,14}$/.test(compact) ? compact : null;
  }
  const national = compact.replace(/^\+?1(?=\d{10}$)/, '');
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : null;
};
