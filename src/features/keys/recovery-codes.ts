import type { Database } from '../../db/client.ts';
import { markRecoveryCodeUsed } from './queries.ts';
import { hashRecoveryCode } from './secrets.ts';

/**
 * Spends one of a member's single-use recovery codes (the fallback for a lost authenticator).
 * True exactly once per code; false for a used, unknown or malformed code.
 * @example if (!(await useRecoveryCode(db, staffId, typed, new Date()))) refuse();
 */
export async function useRecoveryCode(
  db: Database,
  staffId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const codeHash = hashRecoveryCode(code);
  return codeHash !== null && markRecoveryCodeUsed(db, staffId, codeHash, now);
}
