/**
 * The form's abuse rules, without third parties, as pure decisions over counts the database keeps
 * (so every app instance sees the same counts). The numbers are the policy; tests and
 * installations with unusual traffic pass their own to createApp.
 */
export type IntakePolicy = {
  /** Posts sooner than this after the form was rendered are refused as too fast. */
  minFillMs: number;
  /** Forms older than this are sent back to be checked and sent again. */
  maxTokenAgeMs: number;
  /** Length of the fixed windows every counter uses. */
  windowMs: number;
  /** Posts one address may make per window (a person fixing mistakes needs a few). */
  postsPerAddress: number;
  /**
   * "Under attack": across all addresses, in the current and the previous window together,
   * at least this many posts, or this many posts refused by an abuse rule. While it holds, every
   * post needs a proof-of-work solution.
   */
  attackPosts: number;
  attackFailures: number;
  /** Proof of work (ALTCHA, PBKDF2/SHA-256): iterations per try, and the range of tries needed. */
  pow: { cost: number; minCounter: number; maxCounter: number; expiresMs: number };
};

/**
 * A clinic gets a handful of requests a day: 60 posts or 15 refusals in 10 to 20 minutes is
 * not people. The proof of work costs a phone about a second or two.
 */
export const DEFAULT_INTAKE_POLICY: IntakePolicy = {
  minFillMs: 2_000,
  maxTokenAgeMs: 24 * 3_600_000,
  windowMs: 10 * 60_000,
  postsPerAddress: 10,
  attackPosts: 60,
  attackFailures: 15,
  pow: { cost: 200, minCounter: 1_000, maxCounter: 5_000, expiresMs: 2 * 3_600_000 },
};

/** Counts over the current and previous window, across all addresses. */
export type TrafficCounts = { posts: number; failures: number };

/**
 * Whether recent traffic looks like an attack, which switches the proof-of-work challenge on.
 * @example isUnderAttack({ posts: 3, failures: 20 }, DEFAULT_INTAKE_POLICY) // true
 */
export function isUnderAttack(counts: TrafficCounts, policy: IntakePolicy): boolean {
  return counts.posts >= policy.attackPosts || counts.failures >= policy.attackFailures;
}

/** Whether one address has posted more than its share in this window. */
export function isRateLimited(addressPosts: number, policy: IntakePolicy): boolean {
  return addressPosts > policy.postsPerAddress;
}

/**
 * The part of an address that identifies one visitor: an IPv4 address, or the /64 network of an
 * IPv6 address (one home or phone gets a whole /64 and can change the rest at will).
 * @example addressKey('::ffff:203.0.113.9') // '203.0.113.9'
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
