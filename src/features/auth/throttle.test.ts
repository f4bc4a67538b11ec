import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE_POLICY, delayAfter, refusedUntil, secondsUntil } from './throttle.ts';

const { pair: account, address } = DEFAULT_THROTTLE_POLICY;

describe('sign-in delays', () => {
  it('costs nothing for the first few failures, then doubles with each one', () => {
    expect([1, 2, 3].map((n) => delayAfter(n, account))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => delayAfter(n, account))).toEqual([2_000, 4_000, 8_000, 16_000]);
  });

  it('stops growing at the ceiling, even after very many failures', () => {
    expect(delayAfter(20, account)).toBe(15 * 60_000);
    expect(delayAfter(10_000, account)).toBe(15 * 60_000);
  });

  it('allows an office address more failures than one account', () => {
    expect(delayAfter(10, address)).toBe(0);
    expect(delayAfter(11, address)).toBe(2_000);
  });

  it('rounds the wait up to whole seconds, at least one', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(secondsUntil(new Date(now.getTime() + 1_200), now)).toBe(2);
    expect(secondsUntil(now, now)).toBe(1);
  });
});

describe('whether an attempt may start', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const counter = (failures: number, reserved: number, reservedAgoMs = 0) => ({
    failures,
    lastFailureAt: now,
    blockedUntil: now,
    reserved,
    reservedAt: reserved ? new Date(now.getTime() - reservedAgoMs) : null,
  });

  it('lets attempts run together within the free failures, then one at a time', () => {
    expect(refusedUntil(counter(0, 3), account, now)).toBeNull();
    expect(refusedUntil(counter(2, 1), account, now)).toBeNull();
    expect(refusedUntil(counter(0, 4), account, now)).toEqual(new Date(now.getTime() + 2_000));
    expect(refusedUntil(counter(3, 1), account, now)).toEqual(new Date(now.getTime() + 2_000));
    expect(refusedUntil(counter(9, 0), account, now)).toBeNull();
  });

  it('refuses while blocked, and forgets a reservation whose process died', () => {
    const blocked = { ...counter(4, 0), blockedUntil: new Date(now.getTime() + 4_000) };
    expect(refusedUntil(blocked, account, now)).toEqual(blocked.blockedUntil);
    expect(refusedUntil(counter(5, 1, 61_000), account, now)).toBeNull();
  });
});
