import { createHmac } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { PowSecrets } from './pow.ts';
import { getAppSecret } from './queries.ts';

/** The keys the form uses, each derived for one purpose from one random secret in app_secrets. */
export type IntakeSecrets = {
  formToken: Uint8Array;
  address: Uint8Array;
  pow: PowSecrets;
  /** AES-256 key sealing the contact choice in the thank-you page's URL (thank-you-token.ts). */
  thankYou: Uint8Array;
};

const derive = (secret: Uint8Array, purpose: string) =>
  createHmac('sha256', secret).update(`clinic-site intake ${purpose}`).digest();

/**
 * Loads the secrets once per process and keeps them (they never change). A failed load (the
 * database is down) is not kept, so the next request tries again.
 */
export function intakeSecretsLoader(db: Database): () => Promise<IntakeSecrets> {
  let cached: Promise<IntakeSecrets> | undefined;
  const load = async (): Promise<IntakeSecrets> => {
    const secret = await getAppSecret(db, 'intake');
    return {
      formToken: derive(secret, 'form-token'),
      address: derive(secret, 'address'),
      thankYou: derive(secret, 'thank-you'),
      pow: {
        signature: derive(secret, 'pow-signature').toString('hex'),
        keySignature: derive(secret, 'pow-key-signature').toString('hex'),
      },
    };
  };
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/** The rate-limit bucket of an address: keyed HMAC, so the table never holds an address. */
export function addressBucket(secrets: IntakeSecrets, key: string): string {
  return `intake:addr:${createHmac('sha256', secrets.address).update(key).digest('hex').slice(0, 32)}`;
}
