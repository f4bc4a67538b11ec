import { Aes128Gcm, Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { openSealed, sealForClinic } from './hpke.ts';
import { NodeAesGcm, NodeDhkemX25519HkdfSha256, NodeHkdfSha256 } from './hpke-node.ts';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (data: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(data)).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);

const nodeSuite = (bits: 128 | 256) =>
  new CipherSuite({
    kem: new NodeDhkemX25519HkdfSha256(),
    kdf: new NodeHkdfSha256(),
    aead: new NodeAesGcm(bits),
  });
const webCryptoSuite = (bits: 128 | 256) =>
  new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: bits === 256 ? new Aes256Gcm() : new Aes128Gcm(),
  });

/**
 * RFC 9180 appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode. The
 * RFC publishes no X25519 vector with AES-256-GCM, the clinic's AEAD; everything but the AES key
 * length is shared, and the 256-bit suite is held byte for byte against @hpke/core's own below.
 */
const a11 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  skEm: '52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  aad: '436f756e742d30',
  ct: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
  exporterContext: '',
  exportedValue: '3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee',
};

describe('HPKE on node:crypto: RFC 9180 A.1.1', () => {
  it('derives the RFC key pairs from their seeds', async () => {
    const suite = nodeSuite(128);
    for (const [ikm, sk, pk] of [
      [a11.ikmE, a11.skEm, a11.pkEm],
      [a11.ikmR, a11.skRm, a11.pkRm],
    ] as const) {
      const pair = await suite.kem.deriveKeyPair(hex(ikm));
      expect(toHex(await suite.kem.serializePrivateKey(pair.privateKey))).toBe(sk);
      expect(toHex(await suite.kem.serializePublicKey(pair.publicKey))).toBe(pk);
    }
  });

  it('seals the RFC ciphertext from the RFC ephemeral key, and exports the RFC secret', async () => {
    const suite = nodeSuite(128);
    const recipientPublicKey = await suite.kem.deserializePublicKey(hex(a11.pkRm));
    const sender = await suite.createSenderContext({
      recipientPublicKey,
      info: hex(a11.info),
      ekm: hex(a11.ikmE),
    });
    expect(toHex(sender.enc)).toBe(a11.pkEm);
    expect(toHex(await sender.seal(hex(a11.pt), hex(a11.aad)))).toBe(a11.ct);
    expect(toHex(await sender.export(hex(a11.exporterContext), 32))).toBe(a11.exportedValue);
  });

  it('opens the RFC ciphertext with the RFC recipient key', async () => {
    const suite = nodeSuite(128);
    const recipientKey = await suite.kem.deserializePrivateKey(hex(a11.skRm));
    const recipient = await suite.createRecipientContext({
      recipientKey,
      enc: hex(a11.pkEm),
      info: hex(a11.info),
    });
    expect(toHex(await recipient.open(hex(a11.ct), hex(a11.aad)))).toBe(a11.pt);
  });
});

describe('HPKE on node:crypto against @hpke/core on WebCrypto (the clinic suite, AES-256-GCM)', () => {
  it('seals byte for byte what WebCrypto seals from the same ephemeral key', async () => {
    const recipient = await nodeSuite(256).kem.generateKeyPair();
    const pkR = await nodeSuite(256).kem.serializePublicKey(recipient.publicKey);
    const sealWith = async (suite: CipherSuite) =>
      suite.seal(
        { recipientPublicKey: await suite.kem.deserializePublicKey(pkR), ekm: hex(a11.ikmE) },
        utf8('Ana María, +1 555 0100, low back'),
        utf8('request-1'),
      );
    const ours = await sealWith(nodeSuite(256));
    const theirs = await sealWith(webCryptoSuite(256));
    expect(toHex(ours.enc)).toBe(toHex(theirs.enc));
    expect(toHex(ours.ct)).toBe(toHex(theirs.ct));
  });

  it('opens what WebCrypto sealed, and WebCrypto opens what it seals', async () => {
    const web = webCryptoSuite(256);
    const pair = await web.kem.generateKeyPair();
    const pkR = new Uint8Array(await web.kem.serializePublicKey(pair.publicKey));
    const skR = new Uint8Array(await web.kem.serializePrivateKey(pair.privateKey));

    // Sealed as before this backend (as stored requests were): sealForClinic's layout, enc then ct.
    const old = await web.seal({ recipientPublicKey: pair.publicKey }, utf8('sealed before'), utf8('r-1'));
    const stored = new Uint8Array([...new Uint8Array(old.enc), ...new Uint8Array(old.ct)]);
    expect(new TextDecoder().decode(await openSealed(skR, stored, utf8('r-1')))).toBe('sealed before');

    const fresh = await sealForClinic(pkR, utf8('sealed now'), utf8('r-2'));
    const opened = await web.open(
      { recipientKey: pair.privateKey, enc: fresh.subarray(0, 32) },
      fresh.subarray(32),
      utf8('r-2'),
    );
    expect(new TextDecoder().decode(opened)).toBe('sealed now');
  });

  it('refuses a small-order public key instead of sealing with an all-zero secret', async () => {
    await expect(sealForClinic(new Uint8Array(32), utf8('x'), utf8('r'))).rejects.toThrow();
  });
});
