import type { Database } from '../../src/db/client.ts';
import { completeSetup, unlockWithPassword } from '../../src/features/keys/index.ts';

/** Fixed credentials of the test clinic's first admin. */
export const TEST_ADMIN = { email: 'admin@clinic.test', password: 'correct horse battery staple' } as const;

export type TestClinic = {
  email: string;
  password: string;
  recoveryKey: string;
  privateKey: Uint8Array;
  totpSecret: string;
  adminId: string;
  recoveryCodes: string[];
};

/**
 * Completes set-up on a fresh test database (as `clinic setup` does) and returns everything a
 * test needs: the admin's credentials, the recovery key, the clinic private key and the TOTP secret.
 * @example const clinic = await setUpClinic(db); await openSealed(clinic.privateKey, sealed, aad);
 */
export async function setUpClinic(db: Database): Promise<TestClinic> {
  const result = await completeSetup(db, { ...TEST_ADMIN, now: new Date() });
  const totpSecret = new URL(result.totpUri).searchParams.get('secret');
  if (!totpSecret) throw new Error('set-up returned an otpauth URI without a secret');
  return {
    ...TEST_ADMIN,
    adminId: result.adminId,
    recoveryKey: result.recoveryKey,
    recoveryCodes: result.recoveryCodes,
    privateKey: await unlockWithPassword(db, TEST_ADMIN.email, TEST_ADMIN.password),
    totpSecret,
  };
}
