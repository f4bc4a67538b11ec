import type { Database } from '../../db/client.ts';
import { KeyIntegrityError, KeyUnlockError } from './errors.ts';
import { publicKeyOf } from './hpke.ts';
import { deriveKek, newSalt, PASSWORD_KDF, passwordBytes } from './kdf.ts';
import { UnwrapError, type WrapKind } from './key-wrap.ts';
import { parseStaffEmail } from './password.ts';
import { getActiveStaffByEmail, getClinicKey, getKeyWrap, type ClinicKeyRow } from './queries.ts';
import { parseRecoveryKey, sameHash } from './secrets.ts';
import { unwrapWith } from './wrap-secret.ts';

const WRONG_PASSWORD = 'The e-mail address or password is wrong.';
const WRONG_RECOVERY_KEY = 'That recovery key does not open the clinic key.';

/**
 * The clinic private key, opened with a staff member's password. Throws KeyUnlockError with
 * the same message for an unknown e-mail, a disabled member or a wrong password.
 * @example const privateKey = await unlockWithPassword(db, 'admin@clinic.example', password);
 */
export async function unlockWithPassword(db: Database, email: string, password: string): Promise<Uint8Array> {
  const key = await getCompletedKey(db);
  const address = parseStaffEmail(email);
  const member = key && address ? await getActiveStaffByEmail(db, address) : null;
  const wrap = key && member ? await getKeyWrap(db, key.id, 'password', member.id) : null;
  if (!key || !wrap) {
    // Spend the same argon2id work as a real attempt, so timing does not reveal accounts.
    await deriveKek(passwordBytes(password), newSalt(), PASSWORD_KDF);
    throw new KeyUnlockError(WRONG_PASSWORD);
  }
  return openChecked(key, { ...wrap, kind: 'password' }, passwordBytes(password), WRONG_PASSWORD);
}

/**
 * The clinic private key, opened with the recovery key kept offline (as printed at set-up;
 * case, dashes and spaces do not matter). Throws KeyUnlockError when it does not open it.
 * @example const privateKey = await unlockWithRecoveryKey(db, '7K3M-Q8ZD-…');
 */
export async function unlockWithRecoveryKey(db: Database, recoveryKey: string): Promise<Uint8Array> {
  let secret: Uint8Array;
  try {
    secret = parseRecoveryKey(recoveryKey);
  } catch (error) {
    throw new KeyUnlockError((error as Error).message);
  }
  const key = await getCompletedKey(db);
  const wrap = key ? await getKeyWrap(db, key.id, 'recovery', null) : null;
  if (!key || !wrap) throw new KeyUnlockError('Set-up is not complete: there is no recovery key yet.');
  return openChecked(key, { ...wrap, kind: 'recovery' }, secret, WRONG_RECOVERY_KEY);
}

async function getCompletedKey(db: Database): Promise<ClinicKeyRow | null> {
  const key = await getClinicKey(db);
  return key?.setupCompletedAt ? key : null;
}

/** Unwraps, then checks the key belongs to the stored public key (catches a swapped public key). */
export async function openChecked(
  key: Pick<ClinicKeyRow, 'publicKey'>,
  wrap: Parameters<typeof unwrapWith>[0] & { kind: WrapKind },
  secret: Uint8Array,
  wrongSecret: string,
): Promise<Uint8Array> {
  let privateKey: Uint8Array;
  try {
    privateKey = await unwrapWith(wrap, secret);
  } catch (error) {
    if (error instanceof UnwrapError) throw new KeyUnlockError(wrongSecret);
    throw error;
  }
  if (!sameHash(publicKeyOf(privateKey), key.publicKey)) {
    throw new KeyIntegrityError(
      'The clinic public key does not match its private key: the database was altered.',
    );
  }
  return privateKey;
}
