import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { openSessionKey, sealSessionKey } from '../keys/index.ts';
import type { AuthSettings } from './deps.ts';
import type { StaffSession } from './context.ts';
import { checkPassword, checkSecondFactor, recordSignIn, type SecondFactor } from './credentials.ts';
import { activateSession, findSession, insertPendingSession } from './session-queries.ts';
import { sessionExpiry, sessionState } from './session-policy.ts';
import { hashToken, newToken, tokenBytes } from './session-token.ts';
import { blockedUntil, clearFailures, recordFailure, throttleKeys } from './throttle-queries.ts';
import { secondsUntil } from './throttle.ts';

/**
 * The two steps of sign-in, with throttling and the audit trail. Each step either fails with
 * one generic outcome (whatever was wrong), is throttled, or moves on under a new token:
 * browser token → pending session (after the password) → signed-in session (after the code).
 */
type Attempt = { address: string; now: Date };
type Refusal = { kind: 'failed' } | { kind: 'reused' } | { kind: 'throttled'; retryAfter: number };

async function refuseIfThrottled(s: AuthSettings, keys: string[], now: Date): Promise<Refusal | null> {
  const until = await blockedUntil(s.db, keys, now);
  return until ? { kind: 'throttled', retryAfter: secondsUntil(until, now) } : null;
}

async function fail(s: AuthSettings, keys: { account: string; address: string }, now: Date) {
  await recordFailure(s.db, keys.account, s.throttle.account, now);
  await recordFailure(s.db, keys.address, s.throttle.address, now);
  return { kind: 'failed' } as const;
}

/** Step 1: e-mail and password. On success the browser gets a pending session's token. */
export async function startSignIn(
  s: AuthSettings,
  input: Attempt & { email: string; password: string },
): Promise<Refusal | { kind: 'pending'; token: string }> {
  const { now, address } = input;
  const keys = throttleKeys(input.email, address);
  const throttled = await refuseIfThrottled(s, [keys.account, keys.address], now);
  if (throttled) return throttled;
  const { known, match } = await checkPassword(s.db, input.email, input.password);
  if (!match) {
    await audit(s, 'signin.failed', known, address, now, { step: 'password' });
    return fail(s, keys, now);
  }
  const token = newToken();
  const id = randomUUID();
  await insertPendingSession(s.db, {
    id,
    tokenHash: hashToken(token),
    staffId: match.staffId,
    now,
    expiresAt: sessionExpiry('pending', now, s.policy),
    sealedKey: match.privateKey ? sealSessionKey(tokenBytes(token), id, match.privateKey) : null,
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
  const throttled = await refuseIfThrottled(s, [keys.account, keys.address], now);
  if (throttled) return throttled;
  const member = { staffId: session.staffId, email: session.email };
  const factor = await checkSecondFactor(s.db, session.staffId, input.factor, now);
  if (factor !== 'ok') {
    const reused = factor === 'reused';
    await audit(s, 'signin.failed', member, address, now, {
      step: input.factor.kind,
      ...(reused ? { reason: 'code-reused' } : {}),
    });
    const refusal = await fail(s, keys, now);
    // The password was right and the code was too, a moment ago: saying so helps and tells nothing new.
    return reused ? { kind: 'reused' } : refusal;
  }
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
  await clearFailures(s.db, keys.account);
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
