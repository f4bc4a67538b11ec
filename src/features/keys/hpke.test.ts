import { describe, expect, it } from 'vitest';
import { ENC_LENGTH, generateClinicKeyPair, openSealed, publicKeyOf, sealForClinic } from './hpke.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('HPKE sealing to the clinic key', () => {
  it('opens what it sealed, with the same associated data', async () => {
    const { publicKey, privateKey } = await generateClinicKeyPair();
    const sealed = await sealForClinic(publicKey, utf8('Ana María, low back, 7/10'), utf8('request-1'));
    const opened = await openSealed(privateKey, sealed, utf8('request-1'));
    expect(new TextDecoder().decode(opened)).toBe('Ana María, low back, 7/10');
  });

  it('starts with the 32-byte encapsulated key and never contains the plaintext', async () => {
    const { publicKey } = await generateClinicKeyPair();
    const plaintext = utf8('MARKER-5d1c');
    const sealed = await sealForClinic(publicKey, plaintext, utf8('r'));
    expect(sealed.byteLength).toBe(ENC_LENGTH + plaintext.byteLength + 16);
    expect(Buffer.from(sealed).includes(Buffer.from(plaintext))).toBe(false);
  });

  it('seals the same message differently every time', async () => {
    const { publicKey } = await generateClinicKeyPair();
    const a = await sealForClinic(publicKey, utf8('same'), utf8('r'));
    const b = await sealForClinic(publicKey, utf8('same'), utf8('r'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('refuses to open with other associated data (a request moved to another id)', async () => {
    const { publicKey, privateKey } = await generateClinicKeyPair();
    const sealed = await sealForClinic(publicKey, utf8('secret'), utf8('request-1'));
    await expect(openSealed(privateKey, sealed, utf8('request-2'))).rejects.toThrow();
  });

  it('refuses to open with another private key', async () => {
    const clinic = await generateClinicKeyPair();
    const other = await generateClinicKeyPair();
    const sealed = await sealForClinic(clinic.publicKey, utf8('secret'), utf8('r'));
    await expect(openSealed(other.privateKey, sealed, utf8('r'))).rejects.toThrow();
  });

  it('refuses altered or truncated sealed data', async () => {
    const { publicKey, privateKey } = await generateClinicKeyPair();
    const sealed = await sealForClinic(publicKey, utf8('secret'), utf8('r'));
    const altered = sealed.slice();
    altered[altered.byteLength - 1] = (altered[altered.byteLength - 1] ?? 0) ^ 1;
    await expect(openSealed(privateKey, altered, utf8('r'))).rejects.toThrow();
    await expect(openSealed(privateKey, sealed.subarray(0, ENC_LENGTH), utf8('r'))).rejects.toThrow(
      /too short/,
    );
  });

  it('opens data sealed from a subarray view (offsets into a larger buffer)', async () => {
    const { publicKey, privateKey } = await generateClinicKeyPair();
    const sealed = await sealForClinic(publicKey, utf8('view'), utf8('r'));
    const padded = new Uint8Array(sealed.byteLength + 7);
    padded.set(sealed, 5);
    const opened = await openSealed(privateKey, padded.subarray(5, 5 + sealed.byteLength), utf8('r'));
    expect(new TextDecoder().decode(opened)).toBe('view');
  });
});

describe('publicKeyOf', () => {
  it('derives the public key that belongs to a private key', async () => {
    const { publicKey, privateKey } = await generateClinicKeyPair();
    expect(Buffer.from(publicKeyOf(privateKey)).equals(Buffer.from(publicKey))).toBe(true);
    const other = await generateClinicKeyPair();
    expect(Buffer.from(publicKeyOf(other.privateKey)).equals(Buffer.from(publicKey))).toBe(false);
  });
});
