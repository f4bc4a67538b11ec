import { generateSecret, generateURI } from 'otplib';

/** What an authenticator app needs (RFC 6238: SHA-1, 6 digits, 30 s, as every app expects). */
export type TotpEnrollment = { secret: string; uri: string };

export const DEFAULT_TOTP_ISSUER = 'Clinic Site';

/**
 * A fresh TOTP secret (160 bits, base32) and its otpauth:// URI for a QR code.
 * @example createTotpEnrollment('admin@clinic.example', 'Los Angeles Neuroplasty Center')
 */
export function createTotpEnrollment(email: string, issuer = DEFAULT_TOTP_ISSUER): TotpEnrollment {
  const secret = generateSecret({ length: 20 });
  return { secret, uri: generateURI({ issuer, label: email, secret }) };
}
