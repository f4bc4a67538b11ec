import type { Database } from '../../db/client.ts';
import {
  KeyUnlockError,
  parseStaffEmail,
  unlockWithPassword,
  unlockWithRecoveryKey,
} from '../../features/keys/index.ts';
import { findMemberByEmail, type Actor } from '../../features/staff/index.ts';
import type { CommandIo } from '../command.ts';
import { readSecret } from '../read-secret.ts';

/** How `clinic staff` opens the clinic key: an admin's password, the recovery key, or not at all. */
export type UnlockWith = { admin: string | null; recoveryKey: boolean };

/** The clinic key (or null when not asked to unlock) and who acts, for the audit trail; or a refusal. */
export type Unlocked = { privateKey: Uint8Array | null; actor: Actor } | { problem: string };

const CLI_ACTOR: Actor = { staffId: null, email: null, address: null, via: 'cli' };

/**
 * Opens the clinic key with an admin's password (--admin E) or the recovery key
 * (--recovery-key), each read from stdin's first line or a hidden prompt, never an argument.
 */
export async function unlockForStaff(io: CommandIo, db: Database, how: UnlockWith): Promise<Unlocked> {
  try {
    if (how.admin !== null) {
      const email = parseStaffEmail(how.admin);
      const admin = email ? await findMemberByEmail(db, email) : null;
      if (!email || admin?.role !== 'admin' || admin.disabledAt) {
        return { problem: `--admin must name an enabled administrator (got ${JSON.stringify(how.admin)}).` };
      }
      const password = await readSecret(io, `Password of ${email}: `);
      if (!password) return { problem: 'No password: pipe it on stdin or type it at the prompt.' };
      const privateKey = await unlockWithPassword(db, email, password);
      return { privateKey, actor: { ...CLI_ACTOR, staffId: admin.id, email } };
    }
    if (how.recoveryKey) {
      const recoveryKey = await readSecret(io, 'Recovery key: ');
      if (!recoveryKey?.trim())
        return { problem: 'No recovery key: pipe it on stdin or type it at the prompt.' };
      return { privateKey: await unlockWithRecoveryKey(db, recoveryKey), actor: CLI_ACTOR };
    }
    return { privateKey: null, actor: CLI_ACTOR };
  } catch (error) {
    if (error instanceof KeyUnlockError) return { problem: error.message };
    throw error;
  }
}
