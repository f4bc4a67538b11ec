import { generateSecret, generateURI, verify } from 'otplib';

/** What an authenticator app needs (RFC 6238: SHA-1, 6 digits, 30 s, as every app expects). */
export type TotpEnrollment = { secret: string; uri: string };

export const DEFAULT_TOTP_ISSUER = 'Clinic Site';

/** The otpauth:// URI of a secret, for a QR code and for typing into an app. */
export function totpUri(email: string, secret: string, issuer = DEFAULT_TOTP_ISSUER): string {
  return generateURI({ issuer, label: email, secret });
}

/**
 * A fresh TOTP secret (160 bits, base32) and its otpauth:// URI for a QR code.
 * @example createTotpEnrollment('admin@clinic.example', 'Los Angeles Neuroplasty Center')
 */
export function createTotpEnrollment(email: string, issuer = DEFAULT_TOTP_ISSUER): TotpEnrollment {
  const secret = generateSecret({ length: 20 });
  return { secret, uri: totpUri(email, secret, issuer) };
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false };

/**
 * Checks a one-time code at `now`, accepting the previous and next 30-second step for clock
 * drift (RFC 6238 section 5.2) and refusing any step at or before `afterTimeStep`, so a code
 * that already signed in is not accepted again. The caller stores the returned step.
 * @example const check = await checkTotpCode(secret, '123 456', now, member.totpLastStep);
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  now: Date,
  afterTimeStep: number | null,
): Promise<TotpCheck> {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false };
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: 30,
      ...(afterTimeStep === null ? {} : { afterTimeStep }),
    });
    // The functional verify() also covers HOTP; with the TOTP strategy a valid result has timeStep.
    return result.valid && 'timeStep' in result ? { ok: true, timeStep: result.timeStep } : { ok: false };
  } catch {
    // otplib refuses an afterTimeStep ahead of the clock (a clock set back): no code is valid then.
    return { ok: false };
  }
}
