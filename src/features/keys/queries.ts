import type { RawSql } from '../../db/client.ts';
import type { StoredWrapKind } from './key-wrap.ts';
import type { TotpSeal } from './totp-seal.ts';
import type { WrapMaterial } from './wrap-secret.ts';

/** The database or an open transaction: every query here works on either. */
type Sql = Pick<RawSql, 'query'>;

/** bytea for either driver: pg wants a Buffer, and both give bytes back. */
const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
const fromBytes = (value: Uint8Array | null) => (value === null ? null : new Uint8Array(value));
const fromTime = (value: Date | string | null) => (value === null ? null : new Date(value));

/** The clinic key pair: the public half in clear, the private half only in key_wraps. */
export type ClinicKeyRow = {
  id: string;
  publicKey: Uint8Array;
  /** Hash of the one-time set-up token while set-up is pending; null afterwards. */
  setupTokenHash: Uint8Array | null;
  setupCompletedAt: Date | null;
};

/** One copy of the clinic private key, encrypted under a key derived from one secret. */
export type KeyWrapRow = WrapMaterial & { id: string; kind: StoredWrapKind; staffId: string | null };

// Arbitrary constant shared by every instance: serialises key set-up across processes.
const KEYS_LOCK_ID = 7245171;

/** Holds the key set-up lock until the surrounding transaction ends. */
export async function lockClinicKeys(tx: Sql): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK_ID]);
}

type ClinicKeyDbRow = {
  id: string;
  public_key: Uint8Array;
  setup_token_hash: Uint8Array | null;
  setup_completed_at: Date | string | null;
};

/** The clinic key pair row (there is at most one), completed or pending. */
export async function getClinicKey(db: Sql): Promise<ClinicKeyRow | null> {
  const [row] = await db.query<ClinicKeyDbRow>(
    'SELECT id::text AS id, public_key, setup_token_hash, setup_completed_at FROM clinic_keys LIMIT 1',
  );
  if (!row) return null;
  return {
    id: row.id,
    publicKey: new Uint8Array(row.public_key),
    setupTokenHash: fromBytes(row.setup_token_hash),
    setupCompletedAt: fromTime(row.setup_completed_at),
  };
}

/** The public key of a completed set-up, or null while set-up is pending. */
export async function getCompletedPublicKey(db: Sql): Promise<Uint8Array | null> {
  const [row] = await db.query<{ public_key: Uint8Array }>(
    'SELECT public_key FROM clinic_keys WHERE setup_completed_at IS NOT NULL LIMIT 1',
  );
  return row ? new Uint8Array(row.public_key) : null;
}

/** Deletes a key pair whose set-up never completed, with its wraps (ON DELETE CASCADE). */
export async function deletePendingClinicKeys(tx: Sql): Promise<void> {
  await tx.query('DELETE FROM clinic_keys WHERE setup_completed_at IS NULL');
}

export async function insertClinicKey(
  tx: Sql,
  row: {
    publicKey: Uint8Array;
    setupTokenHash: Uint8Array | null;
    createdAt?: Date;
    setupCompletedAt?: Date;
  },
): Promise<string> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO clinic_keys (public_key, setup_token_hash, created_at, setup_completed_at)
     VALUES ($1, $2, COALESCE($3, now()), $4) RETURNING id::text AS id`,
    [
      bytes(row.publicKey),
      row.setupTokenHash && bytes(row.setupTokenHash),
      row.createdAt ?? null,
      row.setupCompletedAt ?? null,
    ],
  );
  if (!inserted) throw new Error('insert into clinic_keys returned no row');
  return inserted.id;
}

export async function markSetupComplete(tx: Sql, clinicKeyId: string, now: Date): Promise<void> {
  await tx.query('UPDATE clinic_keys SET setup_completed_at = $2, setup_token_hash = NULL WHERE id = $1', [
    clinicKeyId,
    now,
  ]);
}

/** Stores a shared copy (setup, recovery) when staffId is null, else that member's password copy. */
export async function insertKeyWrap(
  tx: Sql,
  wrap: WrapMaterial & {
    clinicKeyId: string;
    kind: StoredWrapKind;
    staffId: string | null;
    createdAt?: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO key_wraps (clinic_key_id, kind, staff_id, salt, params, nonce, ciphertext, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, now()))`,
    [
      wrap.clinicKeyId,
      wrap.kind,
      wrap.staffId,
      bytes(wrap.salt),
      JSON.stringify(wrap.params),
      bytes(wrap.nonce),
      bytes(wrap.ciphertext),
      wrap.createdAt ?? null,
    ],
  );
}

type KeyWrapDbRow = {
  id: string;
  kind: StoredWrapKind;
  staff_id: string | null;
  salt: Uint8Array;
  params: unknown;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
};

/** The one wrap of a kind: shared (setup, recovery) when staffId is null, else that member's. */
export async function getKeyWrap(
  db: Sql,
  clinicKeyId: string,
  kind: StoredWrapKind,
  staffId: string | null,
): Promise<KeyWrapRow | null> {
  const [row] = await db.query<KeyWrapDbRow>(
    `SELECT id::text AS id, kind, staff_id::text AS staff_id, salt, params, nonce, ciphertext
     FROM key_wraps
     WHERE clinic_key_id = $1 AND kind = $2
       AND (CASE WHEN $3::uuid IS NULL THEN staff_id IS NULL ELSE staff_id = $3 END)
     LIMIT 1`,
    [clinicKeyId, kind, staffId],
  );
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    staffId: row.staff_id,
    salt: new Uint8Array(row.salt),
    params: row.params,
    nonce: new Uint8Array(row.nonce),
    ciphertext: new Uint8Array(row.ciphertext),
  };
}

export async function deleteKeyWraps(tx: Sql, clinicKeyId: string, kind: StoredWrapKind): Promise<void> {
  await tx.query('DELETE FROM key_wraps WHERE clinic_key_id = $1 AND kind = $2', [clinicKeyId, kind]);
}

export async function insertStaff(
  tx: Sql,
  row: {
    email: string;
    role: string;
    passwordHash: string;
    totp: TotpSeal;
    totpLastStep: number | null;
    createdAt: Date;
  },
): Promise<string> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO staff (email, role, password_hash, totp_sealed, totp_salt, totp_kdf, totp_last_step, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [
      row.email,
      row.role,
      row.passwordHash,
      Buffer.from(row.totp.sealed),
      Buffer.from(row.totp.salt),
      JSON.stringify(row.totp.kdf),
      row.totpLastStep,
      row.createdAt,
    ],
  );
  if (!inserted) throw new Error('insert into staff returned no row');
  return inserted.id;
}

/** The id of an enabled staff member by (already lower-cased) e-mail. */
export async function getActiveStaffByEmail(db: Sql, email: string): Promise<{ id: string } | null> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM staff WHERE email = $1 AND disabled_at IS NULL LIMIT 1',
    [email],
  );
  return row ?? null;
}

export async function insertRecoveryCodes(tx: Sql, staffId: string, codeHashes: Uint8Array[]): Promise<void> {
  await tx.query(
    `INSERT INTO staff_recovery_codes (staff_id, code_hash)
     SELECT $1, decode(h, 'hex') FROM unnest($2::text[]) AS h`,
    [staffId, codeHashes.map((h) => Buffer.from(h).toString('hex'))],
  );
}

/** Marks an unused code used; true only for the one call that used it (safe under concurrency). */
export async function markRecoveryCodeUsed(
  db: Sql,
  staffId: string,
  codeHash: Uint8Array,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE staff_recovery_codes SET used_at = $3
     WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING staff_id`,
    [staffId, bytes(codeHash), now],
  );
  return rows.length === 1;
}
