import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import {
  openSessionKey,
  openTotpForSession,
  sealSessionKey,
  sealTotpForSession,
  UnwrapError,
} from '../keys/index.ts';
import type { AuthSettings } from './deps.ts';
import type { StaffSession } from './context.ts';
import {
  checkPassword,
  checkSecondFactor,
  recordSignIn,
  type PasswordMatch,
  type SecondFactor,
} from './credentials.ts';
import { activateSession, findSession, insertPendingSession, type SessionRow } from './session-queries.ts';
import { sessionExpiry, sessionState } from './session-policy.ts';
import { hashToken, newToken, tokenBytes } from './session-token.ts';
import {
  recordSignedIn,
  reserveAttempt,
  settleAttempt,
  throttleKeys,
  type ThrottleKeys,
} from './throttle-queries.ts';
import { secondsUntil } from './throttle.ts';

/**
 * The two steps of sign-in, with throttling and the audit trail. Each step either fails with
 * one generic outcome (whatever was wrong), is throttled, or moves on under a new token:
 * browser token → pending session (after the password) → signed-in session (after the code).
 */
type Attempt = { address: string; now: Date };
type Refusal = { kind: 'failed' } | { kind: 'reused' } | { kind: 'throttled'; retryAfter: number };

/**
 * Runs one attempt's slow check under a reservation taken first (so parallel attempts on any
 * instance are held to the limit), then counts it as failed or passed.
 */
async function throttled<T>(
  s: AuthSettings,
  keys: ThrottleKeys,
  now: Date,
  check: () => Promise<{ passed: false; refusal?: Refusal } | { passed: true; value: T }>,
): Promise<Refusal | { passed: true; value: T }> {
  const until = await reserveAttempt(s.db, keys, s.throttle, now);
  if (until) return { kind: 'throttled', retryAfter: secondsUntil(until, now) };
  let outcome: 'failed' | 'passed' = 'failed';
  try {
    const result = await check();
    if (!result.passed) return result.refusal ?? { kind: 'failed' };
    outcome = 'passed';
    return result;
  } finally {
    await settleAttempt(s.db, keys, s.throttle, now, outcome);
  }
}

/** Step 1: e-mail and password. On success the browser gets a pending session's token. */
export async function startSignIn(
  s: AuthSettings,
  input: Attempt & { email: string; password: string },
): Promise<Refusal | { kind: 'pending'; token: string }> {
  const { now, address } = input;
  const keys = throttleKeys(input.email, address);
  const checked = await throttled<PasswordMatch>(s, keys, now, async () => {
    const { known, match } = await checkPassword(s.db, input.email, input.password);
    if (match) return { passed: true as const, value: match };
    await audit(s, 'signin.failed', known, address, now, { step: 'password' });
    return { passed: false as const };
  });
  if (!('passed' in checked)) return checked;
  const match = checked.value;
  const token = newToken();
  const id = randomUUID();
  await insertPendingSession(s.db, {
    id,
    tokenHash: hashToken(token),
    staffId: match.staffId,
    now,
    expiresAt: sessionExpiry('pending', now, s.policy),
    sealedKey: match.privateKey ? sealSessionKey(tokenBytes(token), id, match.privateKey) : null,
    sealedTotp: match.totpSecret ? sealTotpForSession(tokenBytes(token), id, match.totpSecret) : null,
    address,
  });
  return { kind: 'pending', token };
}

/** Step 2: the one-time or recovery code. 'restart' when the pending session is gone or over. */
export async function finishSignIn(
  s: AuthSettings,
  input: Attempt & { pendingToken: string; factor: SecondFactor },
): Promise<Refusal | { kind: 'restart' } | { kind: 'signed-in'; token: string; staff: StaffSession }> {
  const { now, address, pendingToken } = input;
  const session = await findSession(s.db, hashToken(pendingToken));
  if (
    !session ||
    session.stage !== 'pending' ||
    session.memberDisabled ||
    sessionState(session, now, s.policy) !== 'live'
  )
    return { kind: 'restart' };
  const keys = throttleKeys(session.email, address);
  const member = { staffId: session.staffId, email: session.email };
  const pendingTotp = (row: SessionRow) => {
    if (!row.sealedTotp) return null;
    try {
      return openTotpForSession(tokenBytes(pendingToken), row.id, row.sealedTotp);
    } catch (error) {
      if (error instanceof UnwrapError) return null;
      throw error;
    }
  };
  const checked = await throttled(s, keys, now, async () => {
    const factor = await checkSecondFactor(s.db, session.staffId, input.factor, now, pendingTotp(session));
    if (factor === 'ok') return { passed: true as const, value: true };
    const reused = factor === 'reused';
    await audit(s, 'signin.failed', member, address, now, {
      step: input.factor.kind,
      ...(reused ? { reason: 'code-reused' } : {}),
    });
    // The password was right and the code was too, a moment ago: saying so helps and tells nothing new.
    return { passed: false as const, ...(reused ? { refusal: { kind: 'reused' } as const } : {}) };
  });
  if (!('passed' in checked)) return checked;
  // A new token for the signed-in session (no fixation), and the key resealed under it.
  const token = newToken();
  const privateKey = session.sealedKey
    ? openSessionKey(tokenBytes(pendingToken), session.id, session.sealedKey)
    : null;
  const activated = await activateSession(s.db, session.id, {
    tokenHash: hashToken(token),
    sealedKey: privateKey ? sealSessionKey(tokenBytes(token), session.id, privateKey) : null,
    now,
    expiresAt: sessionExpiry('active', now, s.policy),
  });
  if (!activated) return { kind: 'restart' };
  await recordSignedIn(s.db, keys, now);
  await recordSignIn(s.db, session.staffId, now);
  await audit(s, 'signin.succeeded', member, address, now, { method: input.factor.kind });
  const staff = { sessionId: session.id, staffId: session.staffId, email: session.email, role: session.role };
  return { kind: 'signed-in', token, staff };
}

function audit(
  s: AuthSettings,
  action: string,
  member: { staffId: string; email: string } | null,
  address: string,
  now: Date,
  details: Record<string, string>,
) {
  // A failed attempt has no known actor: it names the account tried as its target.
  const actor = action === 'signin.failed' ? null : member;
  return recordAudit(
    s.db,
    {
      actorId: actor?.staffId ?? null,
      actorEmail: actor?.email ?? null,
      action,
      target: member ? `staff:${member.staffId}` : null,
      address,
      details: member ? details : { ...details, account: 'unknown' },
    },
    now,
  );
}
