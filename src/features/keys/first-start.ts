import type { Database } from '../../db/client.ts';
import { generateClinicKeyPair } from './hpke.ts';
import { SETUP_TOKEN_KDF } from './kdf.ts';
import {
  deletePendingClinicKeys,
  getClinicKey,
  getCompletedPublicKey,
  insertClinicKey,
  insertKeyWrap,
  lockClinicKeys,
} from './queries.ts';
import { hashSetupToken, newSetupToken, sameHash } from './secrets.ts';
import { prepareKek, wrapWith } from './wrap-secret.ts';

/**
 * The clinic public key that requests are sealed to; null until set-up is complete.
 * @example const publicKey = await getClinicPublicKey(db); if (!publicKey) refuse();
 */
export function getClinicPublicKey(db: Database): Promise<Uint8Array | null> {
  return getCompletedPublicKey(db);
}

/**
 * getClinicPublicKey for a long-running process: once set-up is complete the clinic key pair never
 * changes (nothing replaces or rotates a completed pair), so the key is kept once found and each
 * request form post saves a statement; until set-up is complete every call asks the database.
 */
export function clinicPublicKeyLoader(db: Database): () => Promise<Uint8Array | null> {
  let kept: Uint8Array | null = null;
  return async () => (kept ??= await getClinicPublicKey(db));
}

/** Whether the first admin exists and holds the clinic private key. */
export async function isSetupComplete(db: Database): Promise<boolean> {
  return (await getClinicPublicKey(db)) !== null;
}

/**
 * Called at every server start. Before set-up is complete it makes a fresh X25519 key pair and a
 * fresh one-time set-up token, stores the private key only wrapped under a key derived from the
 * token (plus a hash of the token, to recognise it) and returns the token for the set-up link.
 * Returns null once set-up is complete.
 *
 * Design decision: the request form refuses requests until set-up is complete (getClinicPublicKey
 * is null until then), so no sealed data can exist under a key pair made before set-up. That is
 * why each start before set-up may replace the pair and print a new link (the old link stops
 * working), and why `clinic setup` may run without the link's token: it makes its own pair.
 * @example const first = await prepareFirstStart(db); if (first) printLink(first.setupToken);
 */
export async function prepareFirstStart(db: Database): Promise<{ setupToken: string } | null> {
  if (await isSetupComplete(db)) return null;
  const pair = await generateClinicKeyPair();
  const setupToken = newSetupToken();
  const kek = await prepareKek(Buffer.from(setupToken, 'utf8'), SETUP_TOKEN_KDF);
  return db.rawTransaction(async (tx) => {
    // Another instance may have completed or prepared set-up meanwhile: decide under the lock.
    await lockClinicKeys(tx);
    if ((await getClinicKey(tx))?.setupCompletedAt) return null;
    await deletePendingClinicKeys(tx);
    const clinicKeyId = await insertClinicKey(tx, {
      publicKey: pair.publicKey,
      setupTokenHash: hashSetupToken(setupToken),
    });
    await insertKeyWrap(tx, {
      clinicKeyId,
      kind: 'setup',
      staffId: null,
      ...wrapWith(kek, pair.privateKey, 'setup'),
    });
    return { setupToken };
  });
}

/** Whether `token` is the current, unused set-up token (for showing the set-up form). */
export async function isSetupTokenValid(db: Database, token: string): Promise<boolean> {
  const key = await getClinicKey(db);
  return Boolean(
    key?.setupTokenHash && !key.setupCompletedAt && sameHash(key.setupTokenHash, hashSetupToken(token)),
  );
}

/**
 * What server start prints (to stderr, once) while set-up is pending. The only place the token
 * is shown; the request logger never logs query strings.
 */
export function setupLinkNotice(siteUrl: string, setupToken: string): string {
  const link = `${siteUrl}/staff/setup?token=${encodeURIComponent(setupToken)}`;
  return [
    '',
    'Clinic Site is not set up yet. To create the first admin, open this one-time link:',
    '',
    `    ${link}`,
    '',
    'It works once, and only until the server restarts (each start prints a new link). Or stop',
    'the server and run: npm run clinic -- setup --email you@example.com',
    '',
    '',
  ].join('\n');
}
