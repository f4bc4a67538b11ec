/**
 * The clinic key pair, sealing at rest and first-admin set-up. Other features import
 * from here only.
 *
 * Sealing a request (intake):
 * @example
 * const publicKey = await getClinicPublicKey(db); // null until set-up: refuse requests then
 * const sealed = await sealForClinic(publicKey, utf8(json), utf8(requestId));
 * // later, in a staff session:
 * const plaintext = await openSealed(privateKey, sealed, utf8(requestId));
 */
export { sealForClinic, openSealed } from './hpke.ts';
export { getClinicKey } from './queries.ts';
export { setupRoutes, type SetupRoutesDeps } from './routes.tsx';
export {
  clinicPublicKeyLoader,
  getClinicPublicKey,
  isSetupComplete,
  prepareFirstStart,
  setupLinkNotice,
} from './first-start.ts';
export { completeSetup, type CompleteSetupInput, type SetupResult } from './complete-setup.ts';
export { unlockWithPassword, unlockWithRecoveryKey } from './unlock.ts';
export { useRecoveryCode } from './recovery-codes.ts';
export {
  hashPassword,
  verifyPassword,
  newPasswordProblem,
  parseStaffEmail,
  MIN_PASSWORD_LENGTH,
} from './password.ts';
export { SetupError, KeyUnlockError, KeyIntegrityError, type SetupProblem } from './errors.ts';
export {
  DEFAULT_TOTP_ISSUER,
  createTotpEnrollment,
  totpUri,
  checkTotpCode,
  type TotpEnrollment,
  type TotpCheck,
} from './totp.ts';
export { isCommonPassword } from './common-passwords.ts';
export { totpQrSvg } from './qr.ts';
export {
  insertInviteWrap,
  openInviteWrap,
  preparePasswordWrap,
  replacePasswordWrap,
  deleteMemberWraps,
  openPasswordWrap,
  spendPasswordWork,
} from './member-wraps.ts';
export { sealSessionKey, openSessionKey } from './session-key.ts';
export { UnwrapError } from './key-wrap.ts';
export { newRecoveryCodes, hashRecoveryCode, sameHash } from './secrets.ts';
export {
  inviteTotpSecret,
  newTotpKek,
  openClinicSealedTotp,
  openTotpForSession,
  openTotpSeal,
  sealClearTotpSecrets,
  sealTotpForSession,
  sealTotpSecret,
  sealTotpWith,
  storeTotpSeal,
  openMemberTotp,
  type StoredTotp,
  type TotpSeal,
} from './totp-seal.ts';
