import { hkdfSync } from 'node:crypto';
import type { RawSql } from '../../db/client.ts';
import { openSealed, sealForClinic } from './hpke.ts';
import { deriveKek, newSalt, parseKdfParams, PASSWORD_KDF, passwordBytes } from './kdf.ts';
import { KEK_LENGTH, unwrapKey, UnwrapError, wrapKey } from './key-wrap.ts';

/**
 * A member's TOTP secret is never stored in clear (decision 0011):
 * - at rest, AES-256-GCM under a key derived with argon2id from their password (its own salt);
 * - between the two steps of sign-in, in the pending session, under a key derived from that
 *   session's cookie token, as the session holds the clinic key;
 * - an invite's secret is derived from the invite token, so the invite row holds none;
 * - a secret stored in clear by an older release is sealed at start with HPKE to the clinic
 *   public key, and re-sealed under the password at the member's next sign-in.
 */

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

/** The staff columns that hold a sealed secret. */
export type TotpSeal = { sealed: Uint8Array; salt: Uint8Array; kdf: unknown };

const NONCE_LENGTH = 12;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const joined = (nonce: Uint8Array, ciphertext: Uint8Array) => {
  const out = new Uint8Array(nonce.byteLength + ciphertext.byteLength);
  out.set(nonce, 0);
  out.set(ciphertext, nonce.byteLength);
  return out;
};
const split = (sealed: Uint8Array) => ({
  nonce: sealed.subarray(0, NONCE_LENGTH),
  ciphertext: sealed.subarray(NONCE_LENGTH),
});

/** A password-derived key with the salt that re-derives it: one argon2id computation. */
export type TotpKek = { kek: Uint8Array; salt: Uint8Array };

export async function newTotpKek(password: string): Promise<TotpKek> {
  const salt = newSalt();
  return { kek: await deriveKek(passwordBytes(password), salt, PASSWORD_KDF), salt };
}

/** Seals a secret under a prepared key (cheap: the argon2id work was done by newTotpKek). */
export function sealTotpWith(prepared: TotpKek, secret: string): TotpSeal {
  const { nonce, ciphertext } = wrapKey(prepared.kek, utf8(secret), 'totp');
  return { sealed: joined(nonce, ciphertext), salt: prepared.salt, kdf: PASSWORD_KDF };
}

/**
 * Seals a TOTP secret under the member's password (argon2id: slow, call before a transaction).
 * @example const seal = await sealTotpSecret(secret, password);
 */
export async function sealTotpSecret(secret: string, password: string): Promise<TotpSeal> {
  return sealTotpWith(await newTotpKek(password), secret);
}

/** Opens a password seal; null when the password does not open it. One argon2id computation. */
export async function openTotpSeal(seal: TotpSeal, password: string): Promise<string | null> {
  const kek = await deriveKek(passwordBytes(password), seal.salt, parseKdfParams(seal.kdf));
  try {
    return Buffer.from(unwrapKey(kek, split(seal.sealed), 'totp')).toString('utf8');
  } catch (error) {
    if (error instanceof UnwrapError) return null;
    throw error;
  }
}

function pendingKek(cookieToken: Uint8Array, sessionId: string): Uint8Array {
  return new Uint8Array(
    hkdfSync(
      'sha256',
      cookieToken,
      Buffer.from(sessionId, 'utf8'),
      'clinic-site pending totp v1',
      KEK_LENGTH,
    ),
  );
}

/** The secret as a pending sign-in keeps it until the code is checked. */
export function sealTotpForSession(cookieToken: Uint8Array, sessionId: string, secret: string): Uint8Array {
  const { nonce, ciphertext } = wrapKey(pendingKek(cookieToken, sessionId), utf8(secret), 'totp-session');
  return joined(nonce, ciphertext);
}

/** Opens what sealTotpForSession made; throws UnwrapError for another token or session. */
export function openTotpForSession(cookieToken: Uint8Array, sessionId: string, sealed: Uint8Array): string {
  return Buffer.from(unwrapKey(pendingKek(cookieToken, sessionId), split(sealed), 'totp-session')).toString(
    'utf8',
  );
}

const clinicAad = (staffId: string) => utf8(`clinic-site totp v1 ${staffId}`);

/** Opens a secret sealed to the clinic key by sealClearTotpSecrets (a key holder's sign-in). */
export async function openClinicSealedTotp(
  privateKey: Uint8Array,
  staffId: string,
  sealed: Uint8Array,
): Promise<string> {
  return Buffer.from(await openSealed(privateKey, sealed, clinicAad(staffId))).toString('utf8');
}

/**
 * The start-up step for secrets an older release stored in clear: each is sealed with HPKE to
 * the clinic public key and the clear column emptied, at once, whether or not the member has
 * signed in since. Runs at every start; does nothing once no clear secret is left.
 * @returns how many secrets it sealed
 */
export async function sealClearTotpSecrets(db: Query): Promise<number> {
  const rows = await db.query<{ id: string; totp_secret: string }>(
    'SELECT id, totp_secret FROM staff WHERE totp_secret IS NOT NULL',
  );
  if (rows.length === 0) return 0;
  const [key] = await db.query<{ public_key: Uint8Array }>(
    'SELECT public_key FROM clinic_keys WHERE setup_completed_at IS NOT NULL LIMIT 1',
  );
  if (!key) return 0;
  const publicKey = new Uint8Array(key.public_key);
  for (const row of rows) {
    const sealed = await sealForClinic(publicKey, utf8(row.totp_secret), clinicAad(row.id));
    await db.query(
      `UPDATE staff SET totp_clinic_sealed = $2, totp_secret = NULL
       WHERE id = $1 AND totp_secret = $3`,
      [row.id, Buffer.from(sealed), row.totp_secret],
    );
  }
  return rows.length;
}

const RFC4648 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * An invite's TOTP secret, derived from its token (256 random bits) so the link's page shows the
 * same QR code every time without the database keeping the secret: 160 bits, base32.
 */
export function inviteTotpSecret(inviteToken: string): string {
  const bytes = new Uint8Array(
    hkdfSync('sha256', utf8(inviteToken), new Uint8Array(0), 'clinic-site invite totp v1', 20),
  );
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += RFC4648[(buffer >>> bits) & 31];
    }
  }
  return out;
}

/** Stores a member's password seal, dropping any start-up seal or clear copy. */
export async function storeTotpSeal(db: Query, staffId: string, seal: TotpSeal): Promise<void> {
  await db.query(
    `UPDATE staff SET totp_sealed = $2, totp_salt = $3, totp_kdf = $4, totp_clinic_sealed = NULL, totp_secret = NULL
     WHERE id = $1`,
    [staffId, Buffer.from(seal.sealed), Buffer.from(seal.salt), JSON.stringify(seal.kdf)],
  );
}

/** The staff columns a sign-in reads to open the secret. */
export type StoredTotp = {
  id: string;
  totp_sealed: Uint8Array | null;
  totp_salt: Uint8Array | null;
  totp_kdf: unknown;
  totp_clinic_sealed: Uint8Array | null;
};

/**
 * A member's TOTP secret at sign-in, from the password just checked: exactly one argon2id
 * computation whatever the case, so timing says nothing. A start-up seal is opened with the
 * clinic key the password just unlocked and re-sealed under the password. Null when it cannot be
 * opened: a member without the clinic key (marketing) whose secret was sealed at start, who
 * signs in with a recovery code or is sent a reset link (decision 0011).
 */
export async function openMemberTotp(
  db: Query,
  row: StoredTotp,
  password: string,
  privateKey: Uint8Array | null,
): Promise<string | null> {
  if (row.totp_sealed && row.totp_salt) {
    const seal = {
      sealed: new Uint8Array(row.totp_sealed),
      salt: new Uint8Array(row.totp_salt),
      kdf: row.totp_kdf,
    };
    return openTotpSeal(seal, password);
  }
  const prepared = await newTotpKek(password);
  if (!row.totp_clinic_sealed || !privateKey) return null;
  let secret: string;
  try {
    secret = await openClinicSealedTotp(privateKey, row.id, new Uint8Array(row.totp_clinic_sealed));
  } catch {
    return null;
  }
  await storeTotpSeal(db, row.id, sealTotpWith(prepared, secret));
  return secret;
}
