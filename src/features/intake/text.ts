/**
 * Text clean-up shared by every field rule: Unicode NFC, trimmed, bounded, with control
 * characters refused rather than silently removed (the patient should see what we keep).
 */

/** C0 and C1 control characters, DEL, and invisible format characters (zero-width, bidi overrides). */
const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** The same, but a multi-line field may keep line breaks and tabs. */
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\t]|\p{Cf}/u;

/** One line: NFC, surrounding spaces trimmed, runs of spaces collapsed to one. */
export function cleanLine(value: string): string {
  return value
    .normalize('NFC')
    .trim()
    .replace(/[ \u00a0]+/g, ' ');
}

/** Several lines: NFC, Windows and old Mac line ends made "\n", surrounding blank space trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

export function hasControlCharacters(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

/** Length as a person counts it: code points, so "é" and "😀" count once each. */
export function charCount(value: string): number {
  return Array.from(value).length;
}

/**
 * A person's name in any script: letters and their accents, spaces, apostrophes, hyphens and
 * periods ("Ana María", "O'Brien", "Nguyễn", "Jean-Luc", "St. John"), with at least one letter.
 */
export function isName(value: string): boolean {
  return /^[\p{L}\p{M} '’.\-‐]+$/u.test(value) && /\p{L}/u.test(value);
}

/** A practical e-mail shape check (one @, a dot in the domain, no spaces); the mail server has the last word. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u.test(value) && !/\.\.|@\.|\.@/.test(value);
}

/** A US ZIP code: 5 digits, or ZIP+4. */
export function isZip(value: string): boolean {
  return /^\d{5}(-\d{4})?$/.test(value);
}

/** Only what phone numbers are written with: digits, spaces, + ( ) . - */
export function looksLikePhone(value: string): boolean {
  return /^\+?[\d\s().-]+$/.test(value) && /\d/.test(value);
}
