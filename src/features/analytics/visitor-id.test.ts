import { describe, expect, it } from 'vitest';
import { expiredSaltDays, localDay, rateLimitBucket, visitorId } from './visitor-id.ts';

const base = {
  salt: 'salt-of-2025-03-01',
  site: 'https://clinic.test',
  address: '203.0.113.9',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
};

describe('localDay', () => {
  it('is the calendar day in the clinic time zone, not in UTC', () => {
    expect(localDay(new Date('2025-03-01T07:59:59Z'), 'America/Los_Angeles')).toBe('2025-02-28');
    expect(localDay(new Date('2025-03-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2025-03-01');
    expect(localDay(new Date('2025-03-01T08:00:00Z'), 'UTC')).toBe('2025-03-01');
  });

  it('follows daylight saving time (midnight is 07:00 UTC in summer)', () => {
    expect(localDay(new Date('2025-07-01T06:59:00Z'), 'America/Los_Angeles')).toBe('2025-06-30');
    expect(localDay(new Date('2025-07-01T07:00:00Z'), 'America/Los_Angeles')).toBe('2025-07-01');
  });
});

describe('visitorId', () => {
  it('is the same for the same salt, site, address and browser, and reveals none of them', () => {
    const id = visitorId(base);
    expect(visitorId({ ...base })).toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('203');
  });

  it('changes with each input, above all with the daily salt', () => {
    const id = visitorId(base);
    expect(visitorId({ ...base, salt: 'salt-of-2025-03-02' })).not.toBe(id);
    expect(visitorId({ ...base, site: 'https://other.test' })).not.toBe(id);
    expect(visitorId({ ...base, address: '203.0.113.10' })).not.toBe(id);
    expect(visitorId({ ...base, userAgent: `${base.userAgent} ` })).not.toBe(id);
  });

  it('does not let parts run into each other', () => {
    expect(visitorId({ ...base, site: 'ab', address: 'c' })).not.toBe(
      visitorId({ ...base, site: 'a', address: 'bc' }),
    );
  });
});

describe('salt rotation', () => {
  it('deletes every salt older than today and keeps today', () => {
    expect(expiredSaltDays(['2025-02-27', '2025-02-28', '2025-03-01'], '2025-03-01')).toEqual([
      '2025-02-27',
      '2025-02-28',
    ]);
    expect(expiredSaltDays(['2025-03-01'], '2025-03-01')).toEqual([]);
  });

  it('gives the same person different ids on two days, so days cannot be linked', () => {
    const salts: Record<string, string> = { '2025-02-28': 'yesterday-salt', '2025-03-01': 'today-salt' };
    const before = new Date('2025-03-01T07:30:00Z');
    const after = new Date('2025-03-01T08:30:00Z');
    const idAt = (now: Date) =>
      visitorId({ ...base, salt: salts[localDay(now, 'America/Los_Angeles')] as string });
    expect(idAt(before)).not.toBe(idAt(after));
    expect(idAt(after)).toBe(idAt(new Date('2025-03-02T07:59:00Z')));
  });
});

describe('rateLimitBucket', () => {
  it('names a collector bucket keyed by the salt, without the address in it', () => {
    const bucket = rateLimitBucket('s1', '203.0.113.9');
    expect(bucket).toMatch(/^collect:[A-Za-z0-9_-]{16}$/);
    expect(rateLimitBucket('s1', '203.0.113.9')).toBe(bucket);
    expect(rateLimitBucket('s2', '203.0.113.9')).not.toBe(bucket);
    expect(rateLimitBucket('s1', '203.0.113.8')).not.toBe(bucket);
  });
});
