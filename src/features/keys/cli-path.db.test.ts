import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/setup/test-db.ts';
import { setUpClinic } from '../../../tests/setup/keys.ts';
import { getClinicPublicKey, openSealed, prepareFirstStart, sealForClinic } from './index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

describe('set-up without the link token (the CLI path)', () => {
  it('replaces the pending pair with its own, and the pending set-up copy goes with it', async () => {
    await prepareFirstStart(db);
    const [pending] = await db.query<{ public_key: Uint8Array }>('SELECT public_key FROM clinic_keys');
    const clinic = await setUpClinic(db);
    const publicKey = await getClinicPublicKey(db);
    expect(publicKey).not.toBeNull();
    expect(Buffer.from(publicKey ?? []).equals(Buffer.from(pending?.public_key ?? []))).toBe(false);
    expect(await db.query("SELECT 1 FROM key_wraps WHERE kind = 'setup'")).toHaveLength(0);
    expect(await db.query('SELECT 1 FROM clinic_keys')).toHaveLength(1);
    expect(clinic.totpSecret).toMatch(/^[A-Z2-7]{32}$/);

    const aad = new TextEncoder().encode('request-1');
    const sealed = await sealForClinic(publicKey ?? new Uint8Array(), new TextEncoder().encode('hello'), aad);
    expect(new TextDecoder().decode(await openSealed(clinic.privateKey, sealed, aad))).toBe('hello');
  });

  it('detects a public key swapped in the database when the private key is unlocked', async () => {
    const { unlockWithPassword, KeyIntegrityError } = await import('./index.ts');
    const original = await db.query<{ public_key: Uint8Array }>('SELECT public_key FROM clinic_keys');
    await db.query("UPDATE clinic_keys SET public_key = decode(repeat('ab', 32), 'hex')");
    try {
      await expect(
        unlockWithPassword(db, 'admin@clinic.test', 'correct horse battery staple'),
      ).rejects.toThrow(KeyIntegrityError);
    } finally {
      await db.query('UPDATE clinic_keys SET public_key = $1', [original[0]?.public_key]);
    }
  });
});
