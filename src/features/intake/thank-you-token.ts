import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * The thank-you page's URL carries how and when the patient asked to be contacted, sealed with
 * AES-256-GCM under a server key and bound to the request's reference: the URL (browser history,
 * logs of a proxy) shows no answer in clear, and the page needs no database read of patient data
 * (the stored request is sealed to the clinic key, which the server does not hold).
 */
export type ContactChoice = { method: string; window: string };

const AAD_PREFIX = 'clinic-site thank-you ';

/**
 * The same reference and choice always seal to the same token (the nonce is a keyed hash of
 * both), so a resent form gets the very same redirect; a nonce repeats only with its plaintext.
 */
export function sealContactChoice(reference: string, choice: ContactChoice, key: Uint8Array): string {
  const plain = `${choice.method} ${choice.window}`;
  const iv = createHmac('sha256', key).update(`${AAD_PREFIX}${reference}\n${plain}`).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(AAD_PREFIX + reference));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The sealed choice, or null when the token is missing, altered or for another reference. */
export function openContactChoice(reference: string, token: string, key: Uint8Array): ContactChoice | null {
  if (!/^[A-Za-z0-9_-]{40,120}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(AAD_PREFIX + reference));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    const [method = '', window = ''] = text.split(' ');
    return { method, window };
  } catch {
    return null;
  }
}
