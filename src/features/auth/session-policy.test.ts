import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY, sessionExpiry, sessionState } from './session-policy.ts';

const policy = DEFAULT_SESSION_POLICY;
const start = new Date('2026-11-25T09:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('session lifetimes', () => {
  const active = {
    stage: 'active' as const,
    lastSeenAt: start,
    expiresAt: sessionExpiry('active', start, policy),
  };

  it('keeps a session used within the idle timeout, and ends one unused for 15 minutes', () => {
    expect(sessionState(active, at(14.9), policy)).toBe('live');
    expect(sessionState(active, at(15), policy)).toBe('idle');
  });

  it('ends a session 12 hours after sign-in however recently it was used', () => {
    const busy = { ...active, lastSeenAt: at(12 * 60 - 1) };
    expect(sessionState(busy, at(12 * 60 - 0.5), policy)).toBe('live');
    expect(sessionState(busy, at(12 * 60), policy)).toBe('expired');
  });

  it('gives a pending sign-in five minutes for its code, with no idle rule', () => {
    const pending = {
      stage: 'pending' as const,
      lastSeenAt: start,
      expiresAt: sessionExpiry('pending', start, policy),
    };
    expect(sessionState(pending, at(4.9), policy)).toBe('live');
    expect(sessionState(pending, at(5), policy)).toBe('expired');
  });

  it('follows a shorter configured idle timeout', () => {
    expect(sessionState(active, at(5), { ...policy, idleMs: 5 * 60_000 })).toBe('idle');
  });
});
