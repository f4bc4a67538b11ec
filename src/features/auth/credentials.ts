import type { Database } from '../../db/client.ts';
import { holdsClinicKey, type StaffRole } from './roles.ts';
import {
  checkTotpCode,
  hashPassword,
  KeyUnlockError,
  openMemberTotp,
  openPasswordWrap,
  parseStaffEmail,
  spendPasswordWork,
  useRecoveryCode,
  verifyPassword,
  type StoredTotp,
} from '../keys/index.ts';

/** An enabled member whose password was right, with their copy of the clinic key (null for marketing). */
export type PasswordMatch = {
  staffId: string;
  email: string;
  role: StaffRole;
  privateKey: Uint8Array | null;
  /** Opened with the password; null when it cannot be (see openMemberTotp). */
  totpSecret: string | null;
};

type MemberRow = StoredTotp & { id: string; email: string; role: StaffRole; password_hash: string };

// A real hash to verify against when the e-mail is unknown, so that answer takes as long.
let dummyHash: Promise<string> | undefined;

/** Step 1's answer: the member the e-mail names (for the audit trail), and whether the password fit. */
export type PasswordCheck = { known: { staffId: string; email: string } | null; match: PasswordMatch | null };

/**
 * Step 1 of sign-in: the e-mail and password. Every outcome costs the same three argon2id
 * computations (verify the hash, derive the key copy's and the TOTP secret's keys), so response
 * time does not tell a wrong e-mail from a wrong password.
 */
export async function checkPassword(
  db: Database,
  emailInput: string,
  password: string,
): Promise<PasswordCheck> {
  const email = parseStaffEmail(emailInput);
  const [member] = email
    ? await db.query<MemberRow>(
        `SELECT id, email, role, password_hash, totp_sealed, totp_salt, totp_kdf, totp_clinic_sealed
         FROM staff WHERE email = $1 AND disabled_at IS NULL`,
        [email],
      )
    : [];
  const known = member ? { staffId: member.id, email: member.email } : null;
  dummyHash ??= hashPassword('clinic-site timing equaliser');
  const hashOk = await verifyPassword(member?.password_hash ?? (await dummyHash), password);
  const refuse = async () => {
    await spendPasswordWork(password);
    return { known, match: null };
  };
  if (!member || !hashOk) {
    await spendPasswordWork(password);
    return refuse();
  }
  let privateKey: Uint8Array | null = null;
  if (holdsClinicKey(member.role)) {
    try {
      privateKey = await openPasswordWrap(db, member.id, password);
    } catch (error) {
      if (error instanceof KeyUnlockError) return refuse();
      throw error;
    }
    // A key-holding role without its copy (a reset half done) cannot work: refuse, fail closed.
    if (!privateKey) return refuse();
  } else await spendPasswordWork(password);
  const totpSecret = await openMemberTotp(db, member, password, privateKey);
  return {
    known,
    match: { staffId: member.id, email: member.email, role: member.role, privateKey, totpSecret },
  };
}

/** What the member typed at step 2: a code from their app, or one of their recovery codes. */
export type SecondFactor = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/** How a second factor went: right, wrong, or a right code that was already used (its step is spent). */
export type FactorCheck = 'ok' | 'wrong' | 'reused';

/**
 * Step 2 of sign-in. A TOTP code is accepted within one 30-second step of the clock and only
 * once: the step it matched is stored, and a later or concurrent use of the same (or an
 * earlier) code is 'reused', so the page can say to wait for the next code. A recovery code is spent.
 */
export async function checkSecondFactor(
  db: Database,
  staffId: string,
  factor: SecondFactor,
  now: Date,
  totpSecret: string | null,
): Promise<FactorCheck> {
  if (factor.kind === 'recovery')
    return (await useRecoveryCode(db, staffId, factor.code, now)) ? 'ok' : 'wrong';
  const [member] = await db.query<{ totp_last_step: string | number | null }>(
    'SELECT totp_last_step FROM staff WHERE id = $1 AND disabled_at IS NULL',
    [staffId],
  );
  if (!member || !totpSecret) return 'wrong';
  const last = member.totp_last_step === null ? null : Number(member.totp_last_step);
  const check = await checkTotpCode(totpSecret, factor.code, now, last);
  if (!check.ok) {
    // Right for the clock but at or before the spent step: the code was just used.
    const any = last === null ? check : await checkTotpCode(totpSecret, factor.code, now, null);
    return any.ok ? 'reused' : 'wrong';
  }
  const claimed = await db.query(
    `UPDATE staff SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
     RETURNING id`,
    [staffId, check.timeStep],
  );
  return claimed.length === 1 ? 'ok' : 'reused';
}

/** Remembers when a member last signed in, for the staff page. */
export async function recordSignIn(db: Database, staffId: string, now: Date): Promise<void> {
  await db.query('UPDATE staff SET last_sign_in_at = $2 WHERE id = $1', [staffId, now]);
}
