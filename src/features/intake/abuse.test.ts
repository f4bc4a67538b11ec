import { describe, expect, it } from 'vitest';
import { addressKey, DEFAULT_INTAKE_POLICY, isRateLimited, isUnderAttack } from './abuse.ts';

const policy = DEFAULT_INTAKE_POLICY;

describe('abuse rules', () => {
  it('call it an attack at the posts threshold or the refusals threshold, not below', () => {
    expect(
      isUnderAttack({ posts: policy.attackPosts - 1, failures: policy.attackFailures - 1 }, policy),
    ).toBe(false);
    expect(isUnderAttack({ posts: policy.attackPosts, failures: 0 }, policy)).toBe(true);
    expect(isUnderAttack({ posts: 0, failures: policy.attackFailures }, policy)).toBe(true);
    expect(isUnderAttack({ posts: 5, failures: 2 }, { ...policy, attackFailures: 2 })).toBe(true);
  });

  it('limit an address after its share of posts in a window', () => {
    expect(isRateLimited(policy.postsPerAddress, policy)).toBe(false);
    expect(isRateLimited(policy.postsPerAddress + 1, policy)).toBe(true);
  });

  it('key an IPv4 address by itself and an IPv6 address by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:85a3:0001:1111:2222:3333:4444')).toBe('2001:db8:85a3:1::/64');
    expect(addressKey('2001:DB8:85A3:1::9')).toBe('2001:db8:85a3:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
