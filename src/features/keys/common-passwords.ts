import { readFileSync } from 'node:fs';

/**
 * The 10,000 most common passwords (wordlists/common-passwords.txt; source and MIT license in
 * wordlists/common-passwords.NOTICE.md), read once on first use.
 */
const LIST_FILE = new URL('./wordlists/common-passwords.txt', import.meta.url);

let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  list ??= new Set(
    readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
  return list;
}

// Digits, punctuation, symbols and spaces people pad a word with: "Password1234!", "!!monkey!!".
const PADDING = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/**
 * Whether a password is on the common-password list, ignoring case, or is a listed password
 * padded with digits and symbols ("password1234", "Sunshine2024!"), or one repeated
 * ("qwertyqwerty"), or a single character repeated. NIST SP 800-63B §3.1.1.2 asks to refuse
 * "commonly-used, expected, or compromised" values; the padded forms are how people stretch a
 * common word to a length rule.
 * @example isCommonPassword('Password1234') // true
 */
export function isCommonPassword(password: string): boolean {
  const value = password.normalize('NFC').toLowerCase().trim();
  const words = commonPasswords();
  if (words.has(value)) return true;
  const core = value.replace(PADDING, '');
  if (core !== '' && words.has(core)) return true;
  return isRepeated(value, (unit) => unit.length === 1 || words.has(unit));
}

/** Whether `value` is some unit written two or more times, for a unit that `accept`s. */
function isRepeated(value: string, accept: (unit: string) => boolean): boolean {
  const chars = [...value];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(chars.length / size) === value && accept(unit)) return true;
  }
  return false;
}
