import type { Database, RawSql } from '../../db/client.ts';
import { KeyIntegrityError, SetupError } from './errors.ts';
import { generateClinicKeyPair, publicKeyOf, type ClinicKeyPair } from './hpke.ts';
import { PASSWORD_KDF, passwordBytes, RECOVERY_KEY_KDF } from './kdf.ts';
import { UnwrapError } from './key-wrap.ts';
import { hashPassword, newPasswordProblem, parseStaffEmail } from './password.ts';
import * as q from './queries.ts';
import { hashRecoveryCode, hashSetupToken, newRecoveryCodes, newRecoveryKey, sameHash } from './secrets.ts';
import { createTotpEnrollment, totpUri } from './totp.ts';
import { sealTotpSecret } from './totp-seal.ts';
import { prepareKek, unwrapWith, wrapWith } from './wrap-secret.ts';
import { isSetupComplete } from './first-start.ts';

export type CompleteSetupInput = {
  email: string;
  password: string;
  /** The set-up link's token; required by the link page, absent from the CLI (see first-start.ts). */
  setupToken?: string;
  now: Date;
  /** Issuer shown by authenticator apps: the clinic's name; "Clinic Site" when absent. */
  issuer?: string;
  /**
   * An authenticator already set up and proven by one code (the set-up link's second step): its
   * secret and the step of that code, so the code cannot also sign in. Absent: a new secret.
   */
  totp?: { secret: string; confirmedStep: number };
};

/** Secrets to show the new admin once; none of them is stored in clear. */
export type SetupResult = { adminId: string; recoveryKey: string; totpUri: string; recoveryCodes: string[] };

type Tx = RawSql;

const alreadyComplete = () =>
  new SetupError('already-complete', 'Set-up is already complete: the clinic has its first admin.');
const invalidToken = () =>
  new SetupError(
    'invalid-token',
    'This set-up link is not valid: it was replaced by a newer one or already used.',
  );

/**
 * Creates the first admin and hands them the clinic private key: rewrapped under their password
 * (argon2id) and under a new recovery key; the set-up copy is deleted. Enrolls TOTP and makes ten
 * recovery codes. Throws SetupError for a bad e-mail, a weak password, a wrong token or a second run.
 * @example const { recoveryKey, totpUri } = await completeSetup(db, { email, password, now: new Date() });
 */
export async function completeSetup(db: Database, input: CompleteSetupInput): Promise<SetupResult> {
  const email = parseStaffEmail(input.email);
  if (!email) throw new SetupError('invalid-email', 'Enter an e-mail address, like admin@example.com.');
  const weak = newPasswordProblem(input.password);
  if (weak) throw new SetupError('weak-password', weak);
  if (await isSetupComplete(db)) throw alreadyComplete();

  // The slow parts (argon2id three times) run before the transaction so it stays short.
  const passwordHash = await hashPassword(input.password);
  const passwordKek = await prepareKek(passwordBytes(input.password), PASSWORD_KDF);
  const recoveryKey = newRecoveryKey();
  const recoveryKek = await prepareKek(recoveryKey.bytes, RECOVERY_KEY_KDF);
  const totp = input.totp
    ? { secret: input.totp.secret, uri: totpUri(email, input.totp.secret, input.issuer) }
    : createTotpEnrollment(email, input.issuer);
  // The secret is kept only sealed under the password (a third argon2id computation).
  const totpSeal = await sealTotpSecret(totp.secret, input.password);
  const recoveryCodes = newRecoveryCodes();
  const freshPair = input.setupToken === undefined ? await generateClinicKeyPair() : null;

  const adminId = await db.rawTransaction(async (tx) => {
    await q.lockClinicKeys(tx);
    const current = await q.getClinicKey(tx);
    if (current?.setupCompletedAt) throw alreadyComplete();
    const { clinicKeyId, privateKey } = freshPair
      ? await installFreshPair(tx, freshPair, input.now)
      : await takeOverSetupPair(tx, current, input.setupToken ?? '', input.now);
    const staffId = await q.insertStaff(tx, {
      email,
      role: 'admin',
      passwordHash,
      totp: totpSeal,
      totpLastStep: input.totp?.confirmedStep ?? null,
      createdAt: input.now,
    });
    const common = { clinicKeyId, createdAt: input.now };
    await q.insertKeyWrap(tx, {
      ...common,
      kind: 'password',
      staffId,
      ...wrapWith(passwordKek, privateKey, 'password'),
    });
    await q.insertKeyWrap(tx, {
      ...common,
      kind: 'recovery',
      staffId: null,
      ...wrapWith(recoveryKek, privateKey, 'recovery'),
    });
    await q.insertRecoveryCodes(
      tx,
      staffId,
      recoveryCodes.map((code) => hashRecoveryCode(code) as Uint8Array),
    );
    return staffId;
  });
  return { adminId, recoveryKey: recoveryKey.formatted, totpUri: totp.uri, recoveryCodes };
}

/** CLI path: replace any pending pair (nothing is sealed to it) with a pair made here. */
async function installFreshPair(tx: Tx, pair: ClinicKeyPair, now: Date) {
  await q.deletePendingClinicKeys(tx);
  const clinicKeyId = await q.insertClinicKey(tx, {
    publicKey: pair.publicKey,
    setupTokenHash: null,
    createdAt: now,
    setupCompletedAt: now,
  });
  return { clinicKeyId, privateKey: pair.privateKey };
}

/** Link path: the token opens the pair prepared at start; its set-up copy is then deleted. */
async function takeOverSetupPair(tx: Tx, current: q.ClinicKeyRow | null, token: string, now: Date) {
  if (!current?.setupTokenHash || !sameHash(current.setupTokenHash, hashSetupToken(token)))
    throw invalidToken();
  const wrap = await q.getKeyWrap(tx, current.id, 'setup', null);
  if (!wrap) throw new KeyIntegrityError('The pending set-up has no wrapped key.');
  let privateKey: Uint8Array;
  try {
    privateKey = await unwrapWith(wrap, Buffer.from(token, 'utf8'));
  } catch (error) {
    if (error instanceof UnwrapError)
      throw new KeyIntegrityError('The set-up token does not open its wrapped key.');
    throw error;
  }
  if (!sameHash(publicKeyOf(privateKey), current.publicKey)) {
    throw new KeyIntegrityError('The pending private key does not match the stored public key.');
  }
  await q.deleteKeyWraps(tx, current.id, 'setup');
  await q.markSetupComplete(tx, current.id, now);
  return { clinicKeyId: current.id, privateKey };
}
