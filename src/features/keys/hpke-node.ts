import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import {
  AeadId,
  DeriveKeyPairError,
  DeserializeError,
  Dhkem,
  EMPTY,
  HkdfSha256Native,
  InvalidParamError,
  KEM_USAGES,
  KemId,
  LABEL_DKP_PRK,
  LABEL_SK,
  NotSupportedError,
  SerializeError,
  XCryptoKey,
  type AeadEncryptionContext,
  type AeadInterface,
  type DhkemPrimitives,
  type KdfInterface,
} from '@hpke/common';

/**
 * node:crypto's synchronous X25519, HMAC-SHA256 and AES-GCM as the primitives of @hpke/core's
 * CipherSuite. @hpke/core still runs the protocol (the KEM's labels, the key schedule, nonces),
 * so what is sealed is the same RFC 9180 message; only the arithmetic moves from WebCrypto,
 * where each of a seal's dozen steps is an asynchronous job that waits its turn on a busy event
 * loop, to direct calls that take microseconds.
 */

const X25519 = 'X25519';
const KEY_LENGTH = 32;
const HASH_LENGTH = 32;
const ZERO_SALT = new Uint8Array(HASH_LENGTH);

type Bytes = ArrayBufferLike | ArrayBufferView;

/** The bytes of `data` without copying them. */
function view(data: Bytes): Uint8Array {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** A copy in an ArrayBuffer of its own (what @hpke/core's interfaces return). */
function ownBuffer(data: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

function hmacSha256(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** HKDF-SHA256 (RFC 5869) on node:crypto's HMAC; the labels come from @hpke/core's own class. */
export class NodeHkdfSha256 extends HkdfSha256Native {
  override async extract(salt: Bytes, ikm: Bytes): Promise<ArrayBuffer> {
    const saltBytes = salt.byteLength === 0 ? ZERO_SALT : view(salt);
    if (saltBytes.byteLength !== HASH_LENGTH) {
      throw new InvalidParamError('The salt length must be the same as the hashSize');
    }
    return ownBuffer(hmacSha256(saltBytes, view(ikm)));
  }

  override async expand(prk: Bytes, info: Bytes, len: number): Promise<ArrayBuffer> {
    if (len > 255 * HASH_LENGTH) throw new Error('Entropy limit reached');
    const key = view(prk);
    const infoBytes = view(info);
    const okm = new Uint8Array(len);
    let previous: Uint8Array = EMPTY;
    for (let counter = 1, filled = 0; filled < len; counter++) {
      previous = createHmac('sha256', key)
        .update(previous)
        .update(infoBytes)
        .update(new Uint8Array([counter]))
        .digest();
      okm.set(previous.subarray(0, len - filled), filled);
      filled += Math.min(previous.byteLength, len - filled);
    }
    return okm.buffer;
  }

  override async extractAndExpand(salt: Bytes, ikm: Bytes, info: Bytes, len: number): Promise<ArrayBuffer> {
    return this.expand(await this.extract(salt, ikm), info, len);
  }
}

/**
 * A raw X25519 key and, made once, its node:crypto KeyObject. Keys go in and out as JWK: with
 * OpenSSL 3, reading a PKCS#8 DER key costs about 0.8 ms, a JWK about 0.05 ms.
 */
class X25519Key extends XCryptoKey {
  #object: KeyObject | undefined;

  constructor(raw: Uint8Array, type: 'public' | 'private', object?: KeyObject) {
    if (raw.byteLength !== KEY_LENGTH) throw new Error(`Invalid ${type} key for the ciphersuite`);
    super(X25519, raw.slice(), type, type === 'private' ? KEM_USAGES : []);
    this.#object = object;
  }

  static of(object: KeyObject): X25519Key {
    const jwk = object.export({ format: 'jwk' });
    const raw = object.type === 'private' ? jwk.d : jwk.x;
    return new X25519Key(
      Buffer.from(raw ?? '', 'base64url'),
      object.type === 'private' ? 'private' : 'public',
      object,
    );
  }

  get object(): KeyObject {
    if (this.#object) return this.#object;
    const encoded = Buffer.from(this.key).toString('base64url');
    // node:crypto reads a private OKP key from d alone; x must be a string but is not used.
    this.#object =
      this.type === 'private'
        ? createPrivateKey({ key: { kty: 'OKP', crv: X25519, d: encoded, x: '' }, format: 'jwk' })
        : createPublicKey({ key: { kty: 'OKP', crv: X25519, x: encoded }, format: 'jwk' });
    return this.#object;
  }
}

/** The public key that belongs to a raw X25519 private key. */
export function x25519PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  return X25519Key.of(createPublicKey(new X25519Key(privateKey, 'private').object)).key;
}

function keyOf(raw: Uint8Array, type: 'public' | 'private'): X25519Key {
  return new X25519Key(raw, type);
}

function asKey(key: CryptoKey, type: 'public' | 'private'): X25519Key {
  if (!(key instanceof X25519Key) || key.type !== type) throw new Error(`Not an X25519 ${type} key`);
  return key;
}

function rawKey(key: CryptoKey, type: 'public' | 'private'): Uint8Array {
  return asKey(key, type).key;
}

/** X25519 for @hpke/core's DHKEM; keys travel as raw bytes (XCryptoKey), as in its noble backend. */
class NodeX25519 implements DhkemPrimitives {
  constructor(private readonly hkdf: KdfInterface) {}

  async serializePublicKey(key: CryptoKey): Promise<ArrayBuffer> {
    try {
      return ownBuffer(rawKey(key, 'public'));
    } catch (e) {
      throw new SerializeError(e);
    }
  }

  async deserializePublicKey(key: Bytes): Promise<CryptoKey> {
    try {
      return keyOf(view(key), 'public');
    } catch (e) {
      throw new DeserializeError(e);
    }
  }

  async serializePrivateKey(key: CryptoKey): Promise<ArrayBuffer> {
    try {
      return ownBuffer(rawKey(key, 'private'));
    } catch (e) {
      throw new SerializeError(e);
    }
  }

  async deserializePrivateKey(key: Bytes): Promise<CryptoKey> {
    try {
      return keyOf(view(key), 'private');
    } catch (e) {
      throw new DeserializeError(e);
    }
  }

  async importKey(
    format: 'raw' | 'jwk',
    key: ArrayBuffer | JsonWebKey,
    isPublic: boolean,
  ): Promise<CryptoKey> {
    if (format !== 'raw' || !(key instanceof ArrayBuffer))
      throw new NotSupportedError('Only raw X25519 keys');
    return isPublic ? this.deserializePublicKey(key) : this.deserializePrivateKey(key);
  }

  async generateKeyPair(): Promise<CryptoKeyPair> {
    try {
      const pair = generateKeyPairSync('x25519');
      return { privateKey: X25519Key.of(pair.privateKey), publicKey: X25519Key.of(pair.publicKey) };
    } catch (e) {
      throw new NotSupportedError(e);
    }
  }

  /** RFC 9180 7.1.3: the private key is a labeled HKDF of the seed, used as is (X25519 clamps it). */
  async deriveKeyPair(ikm: Bytes): Promise<CryptoKeyPair> {
    try {
      const prk = await this.hkdf.labeledExtract(EMPTY, LABEL_DKP_PRK, view(ikm));
      const sk = new Uint8Array(await this.hkdf.labeledExpand(prk, LABEL_SK, EMPTY, KEY_LENGTH));
      return { privateKey: keyOf(sk, 'private'), publicKey: keyOf(x25519PublicKeyOf(sk), 'public') };
    } catch (e) {
      throw new DeriveKeyPairError(e);
    }
  }

  async derivePublicKey(key: CryptoKey): Promise<CryptoKey> {
    try {
      return X25519Key.of(createPublicKey(asKey(key, 'private').object));
    } catch (e) {
      throw new DeserializeError(e);
    }
  }

  async dh(sk: CryptoKey, pk: CryptoKey): Promise<ArrayBuffer> {
    try {
      const shared = diffieHellman({
        privateKey: asKey(sk, 'private').object,
        publicKey: asKey(pk, 'public').object,
      });
      // RFC 9180 7.1.4: a small-order public key gives the all-zero secret; refuse it.
      if (shared.every((byte) => byte === 0)) throw new Error('X25519 gave the all-zero shared secret');
      return ownBuffer(shared);
    } catch (e) {
      throw new SerializeError(e);
    }
  }
}

/** DHKEM(X25519, HKDF-SHA256) on node:crypto. */
export class NodeDhkemX25519HkdfSha256 extends Dhkem {
  override readonly id = KemId.DhkemX25519HkdfSha256;
  override readonly secretSize = 32;
  override readonly encSize = 32;
  override readonly publicKeySize = 32;
  override readonly privateKeySize = 32;

  constructor() {
    const kdf = new NodeHkdfSha256();
    super(KemId.DhkemX25519HkdfSha256, new NodeX25519(kdf), kdf);
  }
}

class NodeAesGcmContext implements AeadEncryptionContext {
  constructor(
    private readonly cipher: 'aes-128-gcm' | 'aes-256-gcm',
    private readonly key: Uint8Array,
  ) {}

  async seal(iv: Bytes, data: Bytes, aad: Bytes): Promise<ArrayBuffer> {
    const cipher = createCipheriv(this.cipher, this.key, view(iv));
    cipher.setAAD(view(aad));
    const head = cipher.update(view(data));
    const tail = cipher.final();
    return ownBuffer(Buffer.concat([head, tail, cipher.getAuthTag()]));
  }

  async open(iv: Bytes, data: Bytes, aad: Bytes): Promise<ArrayBuffer> {
    const sealed = view(data);
    if (sealed.byteLength < TAG_LENGTH) throw new Error('Sealed data is shorter than its tag.');
    const decipher = createDecipheriv(this.cipher, this.key, view(iv));
    decipher.setAAD(view(aad));
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_LENGTH));
    const head = decipher.update(sealed.subarray(0, sealed.byteLength - TAG_LENGTH));
    return ownBuffer(Buffer.concat([head, decipher.final()]));
  }
}

const TAG_LENGTH = 16;

/** AES-GCM on node:crypto; 256-bit keys for the clinic, 128 for RFC 9180's published vectors. */
export class NodeAesGcm implements AeadInterface {
  readonly id: AeadId;
  readonly keySize: number;
  readonly nonceSize = 12;
  readonly tagSize = TAG_LENGTH;

  constructor(bits: 128 | 256) {
    this.id = bits === 256 ? AeadId.Aes256Gcm : AeadId.Aes128Gcm;
    this.keySize = bits / 8;
  }

  createEncryptionContext(key: Bytes): AeadEncryptionContext {
    const raw = view(key);
    if (raw.byteLength !== this.keySize) throw new InvalidParamError('Invalid AES-GCM key length');
    return new NodeAesGcmContext(this.keySize === 32 ? 'aes-256-gcm' : 'aes-128-gcm', raw.slice());
  }
}
