/**
 * Crockford base32 (https://www.crockford.com/base32.html): digits and capitals without I, L, O
 * and U, so a key read aloud or copied by hand survives. Decoding forgives case, dashes, spaces,
 * O for 0 and I or L for 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function encodeCrockford(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the bits not yet written
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Canonical characters of a typed value, or null when something is not base32. */
export function normalizeCrockford(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(chars) ? chars : null;
}

/** Decodes canonical characters (see normalizeCrockford); trailing partial bits are dropped. */
export function decodeCrockford(chars: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of chars) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`"${char}" is not a Crockford base32 character.`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return new Uint8Array(out);
}
