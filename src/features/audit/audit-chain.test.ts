import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, verifyChain, type AuditEntry } from './audit-chain.ts';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const base = {
      id,
      at: new Date(Date.UTC(2026, 10, 25, 9, id)),
      actorId: null,
      actorEmail: 'admin@clinic.test',
      action: 'request.viewed',
      target: `request:${id}`,
      address: '127.0.0.1',
      details: { n: id },
    };
    const hash = entryHash(prev, base);
    entries.push({ ...base, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('verifyChain', () => {
  it('accepts an untouched chain, and an empty one', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, entries: 5 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('finds an entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...(entries[2] as AuditEntry), action: 'request.status_changed' };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/changed/),
    });
  });

  it('finds a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/removed/),
    });
  });

  it('hashes the same entry the same way whatever the order of its detail keys', () => {
    const at = new Date();
    const a = {
      id: 1,
      at,
      actorId: null,
      actorEmail: null,
      action: 'x',
      target: null,
      address: null,
      details: { a: 1, b: 2 },
    };
    expect(entryHash(GENESIS_HASH, a)).toBe(entryHash(GENESIS_HASH, { ...a, details: { b: 2, a: 1 } }));
  });
});
