import type { RawSql } from '../../db/client.ts';
import { KeyIntegrityError } from './errors.ts';
import { newSalt, PASSWORD_KDF, passwordBytes, deriveKek, type KdfParams } from './kdf.ts';
import { openChecked } from './unlock.ts';
import { prepareKek, wrapWith, type WrapMaterial } from './wrap-secret.ts';

/**
 * Each member's own copy of the clinic private key. An admin's unlocked session wraps
 * it under a key derived from a new invite's token; when the member accepts, it is rewrapped
 * under their password and the invite copy is deleted. Disabling a member deletes their copies.
 * Every function runs inside the caller's transaction (RawSql), beside its audit entry.
 */

/** Invite tokens carry 256 random bits, so HKDF suffices (as for the set-up token). */
export const INVITE_TOKEN_KDF: KdfParams = { kdf: 'hkdf-sha256', info: 'clinic-site invite-token kek v1' };

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

type WrapRow = { salt: Uint8Array; params: unknown; nonce: Uint8Array; ciphertext: Uint8Array };

async function completedKey(sql: Query): Promise<{ id: string; publicKey: Uint8Array }> {
  const [key] = await sql.query<{ id: string; public_key: Uint8Array }>(
    'SELECT id, public_key FROM clinic_keys WHERE setup_completed_at IS NOT NULL LIMIT 1',
  );
  if (!key) throw new KeyIntegrityError('Set-up is not complete: there is no clinic key to share.');
  return { id: key.id, publicKey: new Uint8Array(key.public_key) };
}

async function insertWrap(
  sql: Query,
  owner: { kind: 'password'; staffId: string } | { kind: 'invite'; inviteId: string },
  material: WrapMaterial,
): Promise<void> {
  const key = await completedKey(sql);
  await sql.query(
    `INSERT INTO key_wraps (clinic_key_id, kind, staff_id, invite_id, salt, params, nonce, ciphertext)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      key.id,
      owner.kind,
      owner.kind === 'password' ? owner.staffId : null,
      owner.kind === 'invite' ? owner.inviteId : null,
      Buffer.from(material.salt),
      JSON.stringify(material.params),
      Buffer.from(material.nonce),
      Buffer.from(material.ciphertext),
    ],
  );
}

/** Stores the clinic private key wrapped under a key derived from an invite's token. */
export async function insertInviteWrap(
  sql: Query,
  inviteId: string,
  inviteToken: string,
  privateKey: Uint8Array,
): Promise<void> {
  const kek = await prepareKek(Buffer.from(inviteToken, 'utf8'), INVITE_TOKEN_KDF);
  await insertWrap(sql, { kind: 'invite', inviteId }, wrapWith(kek, privateKey, 'invite'));
}

/**
 * The clinic private key from an invite's copy, or null when the invite carries none (marketing).
 * Throws KeyIntegrityError when the token does not open it: the row was altered.
 */
export async function openInviteWrap(sql: Query, inviteId: string, inviteToken: string) {
  const [wrap] = await sql.query<WrapRow>(
    "SELECT salt, params, nonce, ciphertext FROM key_wraps WHERE kind = 'invite' AND invite_id = $1",
    [inviteId],
  );
  if (!wrap) return null;
  const secret = new Uint8Array(Buffer.from(inviteToken, 'utf8'));
  const message = 'The invite token does not open its copy of the clinic key: the database was altered.';
  try {
    return await openChecked(await completedKey(sql), { ...wrap, kind: 'invite' }, secret, message);
  } catch (error) {
    throw new KeyIntegrityError((error as Error).message);
  }
}

/** The password copy's wrap material; argon2id is slow, so call it before the transaction. */
export async function preparePasswordWrap(privateKey: Uint8Array, password: string): Promise<WrapMaterial> {
  return wrapWith(await prepareKek(passwordBytes(password), PASSWORD_KDF), privateKey, 'password');
}

/** Replaces a member's password copy with `material` (from preparePasswordWrap). */
export async function replacePasswordWrap(sql: Query, staffId: string, material: WrapMaterial) {
  await sql.query("DELETE FROM key_wraps WHERE kind = 'password' AND staff_id = $1", [staffId]);
  await insertWrap(sql, { kind: 'password', staffId }, material);
}

/** Deletes every copy a member holds (disable, reset); returns how many there were. */
export async function deleteMemberWraps(sql: Query, staffId: string): Promise<number> {
  const rows = await sql.query('DELETE FROM key_wraps WHERE staff_id = $1 RETURNING id', [staffId]);
  return rows.length;
}

/**
 * Opens a member's password copy: the clinic private key, or null when they hold none
 * (marketing, or a reset pending). Throws KeyUnlockError for a wrong password.
 */
export async function openPasswordWrap(sql: Query, staffId: string, password: string) {
  const [wrap] = await sql.query<WrapRow & { public_key: Uint8Array }>(
    `SELECT w.salt, w.params, w.nonce, w.ciphertext, k.public_key FROM key_wraps w
     JOIN clinic_keys k ON k.id = w.clinic_key_id
     WHERE w.kind = 'password' AND w.staff_id = $1`,
    [staffId],
  );
  if (!wrap) return null;
  const publicKey = new Uint8Array(wrap.public_key);
  const wrong = 'The e-mail address or password is wrong.';
  return openChecked({ publicKey }, { ...wrap, kind: 'password' }, passwordBytes(password), wrong);
}

/** The argon2id work of one password unwrap, spent for nothing: keeps failures as slow as successes. */
export async function spendPasswordWork(password: string): Promise<void> {
  await deriveKek(passwordBytes(password), newSalt(), PASSWORD_KDF);
}
