import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Drizzle } from '../../db/client.ts';
import type { StoredWrapKind } from './key-wrap.ts';
import { clinicKeys, keyWraps, staff, staffRecoveryCodes } from './schema.ts';

/** The query builder or an open transaction on it: every query here works on either. */
type Sql = Pick<Drizzle, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export type ClinicKeyRow = typeof clinicKeys.$inferSelect;
export type KeyWrapRow = typeof keyWraps.$inferSelect;
export type NewKeyWrap = Omit<typeof keyWraps.$inferInsert, 'id'>;
export type StaffRow = typeof staff.$inferSelect;

// Arbitrary constant shared by every instance: serialises key set-up across processes.
const KEYS_LOCK_ID = 7245171;

/** Holds the key set-up lock until the surrounding transaction ends. */
export async function lockClinicKeys(tx: Sql): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${KEYS_LOCK_ID})`);
}

/** The clinic key pair row (there is at most one), completed or pending. */
export async function getClinicKey(db: Sql): Promise<ClinicKeyRow | null> {
  const rows = await db.select().from(clinicKeys).limit(1);
  return rows[0] ?? null;
}

/** The public key of a completed set-up, or null while set-up is pending. */
export async function getCompletedPublicKey(db: Sql): Promise<Uint8Array | null> {
  const rows = await db
    .select({ publicKey: clinicKeys.publicKey })
    .from(clinicKeys)
    .where(isNotNull(clinicKeys.setupCompletedAt))
    .limit(1);
  return rows[0]?.publicKey ?? null;
}

/** Deletes a key pair whose set-up never completed, with its wraps (ON DELETE CASCADE). */
export async function deletePendingClinicKeys(tx: Sql): Promise<void> {
  await tx.delete(clinicKeys).where(isNull(clinicKeys.setupCompletedAt));
}

export async function insertClinicKey(tx: Sql, row: typeof clinicKeys.$inferInsert): Promise<string> {
  const [inserted] = await tx.insert(clinicKeys).values(row).returning({ id: clinicKeys.id });
  if (!inserted) throw new Error('insert into clinic_keys returned no row');
  return inserted.id;
}

export async function markSetupComplete(tx: Sql, clinicKeyId: string, now: Date): Promise<void> {
  await tx
    .update(clinicKeys)
    .set({ setupCompletedAt: now, setupTokenHash: null })
    .where(eq(clinicKeys.id, clinicKeyId));
}

export async function insertKeyWrap(tx: Sql, wrap: NewKeyWrap): Promise<void> {
  await tx.insert(keyWraps).values(wrap);
}

/** The one wrap of a kind: shared (setup, recovery) when staffId is null, else that member's. */
export async function getKeyWrap(
  db: Sql,
  clinicKeyId: string,
  kind: StoredWrapKind,
  staffId: string | null,
): Promise<KeyWrapRow | null> {
  const rows = await db
    .select()
    .from(keyWraps)
    .where(
      and(
        eq(keyWraps.clinicKeyId, clinicKeyId),
        eq(keyWraps.kind, kind),
        staffId === null ? isNull(keyWraps.staffId) : eq(keyWraps.staffId, staffId),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteKeyWraps(tx: Sql, clinicKeyId: string, kind: StoredWrapKind): Promise<void> {
  await tx.delete(keyWraps).where(and(eq(keyWraps.clinicKeyId, clinicKeyId), eq(keyWraps.kind, kind)));
}

export async function insertStaff(tx: Sql, row: typeof staff.$inferInsert): Promise<string> {
  const [inserted] = await tx.insert(staff).values(row).returning({ id: staff.id });
  if (!inserted) throw new Error('insert into staff returned no row');
  return inserted.id;
}

/** An enabled staff member by (already lower-cased) e-mail. */
export async function getActiveStaffByEmail(db: Sql, email: string): Promise<StaffRow | null> {
  const rows = await db
    .select()
    .from(staff)
    .where(and(eq(staff.email, email), isNull(staff.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertRecoveryCodes(tx: Sql, staffId: string, codeHashes: Uint8Array[]): Promise<void> {
  await tx.insert(staffRecoveryCodes).values(codeHashes.map((codeHash) => ({ staffId, codeHash })));
}

/** Marks an unused code used; true only for the one call that used it (safe under concurrency). */
export async function markRecoveryCodeUsed(
  db: Sql,
  staffId: string,
  codeHash: Uint8Array,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, codeHash),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ staffId: staffRecoveryCodes.staffId });
  return rows.length === 1;
}
