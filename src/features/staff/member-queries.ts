/** SQL for staff accounts (the staff table and recovery codes), on a database or in a transaction. */
import type { RawSql } from '../../db/client.ts';
import type { StaffRole } from '../auth/index.ts';
import type { TotpSeal } from '../keys/index.ts';

/** Database or transaction: both have query(). */
type Query = Pick<RawSql, 'query'>;

export type Member = {
  id: string;
  email: string;
  role: StaffRole;
  /** The name the member gave on their own page; null until they do. */
  displayName: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
};

type MemberRaw = {
  id: string;
  email: string;
  role: StaffRole;
  display_name: string | null;
  created_at: Date | string;
  disabled_at: Date | string | null;
  last_sign_in_at: Date | string | null;
};

const MEMBER = 'SELECT id, email, role, display_name, created_at, disabled_at, last_sign_in_at FROM staff';
const dateOrNull = (v: Date | string | null) => (v === null ? null : new Date(v));
const member = (r: MemberRaw): Member => ({
  id: r.id,
  email: r.email,
  role: r.role,
  displayName: r.display_name,
  createdAt: new Date(r.created_at),
  disabledAt: dateOrNull(r.disabled_at),
  lastSignInAt: dateOrNull(r.last_sign_in_at),
});
const bytes = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export async function findMemberByEmail(db: Query, email: string): Promise<Member | null> {
  const [r] = await db.query<MemberRaw>(`${MEMBER} WHERE email = $1`, [email]);
  return r ? member(r) : null;
}

export async function findMemberById(db: Query, id: string): Promise<Member | null> {
  const [r] = await db.query<MemberRaw>(`${MEMBER} WHERE id = $1`, [id]);
  return r ? member(r) : null;
}

/** Everyone, enabled members first, then by e-mail. */
export async function listMembers(db: Query): Promise<Member[]> {
  return (await db.query<MemberRaw>(`${MEMBER} ORDER BY disabled_at IS NOT NULL, email`)).map(member);
}

export async function countActiveAdmins(db: Query): Promise<number> {
  const [r] = await db.query<{ n: string | number }>(
    "SELECT count(*) AS n FROM staff WHERE role = 'admin' AND disabled_at IS NULL",
  );
  return Number(r?.n ?? 0);
}

export type Credentials = { passwordHash: string; totp: TotpSeal; totpLastStep: number };
const sealColumns = (t: TotpSeal) => [Buffer.from(t.sealed), Buffer.from(t.salt), JSON.stringify(t.kdf)];

export async function insertMember(
  sql: Query,
  row: { email: string; role: StaffRole; now: Date } & Credentials,
) {
  const [r] = await sql.query<{ id: string }>(
    `INSERT INTO staff (email, role, password_hash, totp_sealed, totp_salt, totp_kdf, totp_last_step, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [row.email, row.role, row.passwordHash, ...sealColumns(row.totp), row.totpLastStep, row.now],
  );
  if (!r) throw new Error('insert into staff returned no row');
  return r.id;
}

/** New password and authenticator for an enabled member (a reset's acceptance). */
export async function updateCredentials(sql: Query, id: string, c: Credentials): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE staff SET password_hash = $2, totp_sealed = $3, totp_salt = $4, totp_kdf = $5,
       totp_last_step = $6, totp_clinic_sealed = NULL, totp_secret = NULL
     WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
    [id, c.passwordHash, ...sealColumns(c.totp), c.totpLastStep],
  );
  return rows.length === 1;
}

export async function setPasswordHash(sql: Query, id: string, passwordHash: string): Promise<void> {
  await sql.query('UPDATE staff SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
}

export async function markDisabled(sql: Query, id: string, now: Date): Promise<void> {
  await sql.query('UPDATE staff SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL', [id, now]);
}

export async function setRole(sql: Query, id: string, role: StaffRole): Promise<void> {
  await sql.query('UPDATE staff SET role = $2 WHERE id = $1', [id, role]);
}

export async function markEnabled(sql: Query, id: string): Promise<void> {
  await sql.query('UPDATE staff SET disabled_at = NULL WHERE id = $1', [id]);
}

/** Replaces a member's recovery codes (their SHA-256 hashes). */
export async function replaceRecoveryCodes(sql: Query, staffId: string, hashes: Uint8Array[]): Promise<void> {
  await sql.query('DELETE FROM staff_recovery_codes WHERE staff_id = $1', [staffId]);
  for (const hash of hashes) {
    await sql.query('INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)', [
      staffId,
      bytes(hash),
    ]);
  }
}

/** What a member sets for themselves on their own page. */
export type Preferences = {
  displayName: string | null;
  /** The language of their exports. */
  locale: 'en' | 'es';
  /** An e-mail for each new request (no patient data in it). */
  notifyNewRequests: boolean;
  /** The daily summary e-mail (counts and links only). */
  notifyDailySummary: boolean;
  /** The weekly analytics summary e-mail (admins and marketing; counts and links only). */
  notifyWeeklySummary: boolean;
};

type PreferencesRaw = {
  display_name: string | null;
  locale: 'en' | 'es';
  notify_new_requests: boolean;
  notify_daily_summary: boolean;
  notify_weekly_summary: boolean;
};

export const DEFAULT_PREFERENCES: Preferences = {
  displayName: null,
  locale: 'en',
  notifyNewRequests: false,
  notifyDailySummary: false,
  notifyWeeklySummary: false,
};

export async function getPreferences(db: Query, id: string): Promise<Preferences> {
  const [r] = await db.query<PreferencesRaw>(
    `SELECT display_name, locale, notify_new_requests, notify_daily_summary, notify_weekly_summary
     FROM staff WHERE id = $1`,
    [id],
  );
  if (!r) return DEFAULT_PREFERENCES;
  return {
    displayName: r.display_name,
    locale: r.locale,
    notifyNewRequests: r.notify_new_requests,
    notifyDailySummary: r.notify_daily_summary,
    notifyWeeklySummary: r.notify_weekly_summary,
  };
}

export async function setPreferences(sql: Query, id: string, p: Preferences): Promise<void> {
  await sql.query(
    `UPDATE staff SET display_name = $2, locale = $3, notify_new_requests = $4, notify_daily_summary = $5,
       notify_weekly_summary = $6
     WHERE id = $1`,
    [id, p.displayName, p.locale, p.notifyNewRequests, p.notifyDailySummary, p.notifyWeeklySummary],
  );
}
