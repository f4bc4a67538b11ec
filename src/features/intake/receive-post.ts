import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { addressKey, isRateLimited, isUnderAttack, type IntakePolicy } from './abuse.ts';
import { checkTokenTiming, newIdempotencyKey, readFormToken, signFormToken } from './form-token.ts';
import { serverPhoneCheck } from './phone-server.ts';
import { createPowChallenge, verifyPow } from './pow.ts';
import type { RequestFields, VisitAttribution } from '../requests/index.ts';
import { insertRequestOnce, type NewRequest } from '../requests/queries.ts';
import { sealNewRequest } from '../requests/store.ts';
import type { FormTokenClaims } from './form-token.ts';
import { validateRequest, type FieldErrors, type RawForm } from './rules.ts';
import { addressBucket, type IntakeSecrets } from './secrets.ts';
import { recordFailure, recordPost, type ReadyPost } from './traffic.ts';

/** Why the form came back without field errors: each says what to do next; typed answers stay. */
export type Notice =
  | { kind: 'notOpen' | 'notOpenKept' | 'unavailable' | 'expired' | 'tooFast' | 'powRequired' }
  | { kind: 'rateLimited'; minutes: number };

/** The hidden fields of a post, as sent. */
export type PostedHidden = { token: string; key: string; honeypot: string; pow: string };

/** How the form is shown again: what differs from "as posted, no errors, no notice". */
export type FormView = {
  errors: FieldErrors;
  notice: Notice | null;
  token: string;
  key: string;
  challenge: string | null;
  pow: string;
};

export type Outcome =
  | { kind: 'stored'; reference: string }
  | { kind: 'honeypot' }
  | { kind: 'form'; status: 422 | 429 | 503; view: FormView; retryAfter?: number };

/** Where the visit of a browser began, as analytics counted it; null when analytics saw none. */
export type FindVisit = (visitor: {
  address: string;
  userAgent: string;
  now: Date;
}) => Promise<(VisitAttribution & { utmCampaign: string | null }) | null>;

export type PostContext = {
  db: Database;
  logger: Logger;
  policy: IntakePolicy;
  secrets: () => Promise<IntakeSecrets>;
  /** The clinic public key, null until set-up is complete (clinicPublicKeyLoader). */
  publicKey: () => Promise<Uint8Array | null>;
  now: Date;
  address: string;
  userAgent: string;
  locale: 'en' | 'es';
  findVisit?: FindVisit | undefined;
};

/**
 * Decides what a post to the request form gets, in the order the rules are cheapest to check and
 * kindest to a person: honeypot, form token, an earlier identical post, timing, rate limit, proof
 * of work, set-up, the fields; then the request is sealed and committed. Every refusal keeps
 * what was typed. A database failure anywhere answers 503 with the form, typed answers kept.
 */
export async function receivePost(ctx: PostContext, form: RawForm, hidden: PostedHidden): Promise<Outcome> {
  const base: FormView = {
    errors: {},
    notice: null,
    token: hidden.token,
    key: hidden.key,
    challenge: null,
    pow: '',
  };
  const show = (status: 422 | 429 | 503, view: Partial<FormView>, retryAfter?: number): Outcome => ({
    kind: 'form',
    status,
    view: { ...base, ...view },
    ...(retryAfter ? { retryAfter } : {}),
  });
  try {
    return await decide(ctx, form, hidden, show);
  } catch (error) {
    // Type and code only: a driver's message can quote the statement's values.
    const e = error as { name?: string; code?: unknown };
    ctx.logger.warn(
      { err: { type: e.name, code: e.code } },
      'request form: post not stored (database unavailable?)',
    );
    return show(503, { notice: { kind: 'unavailable' } }, 30);
  }
}

async function decide(
  ctx: PostContext,
  form: RawForm,
  hidden: PostedHidden,
  show: (status: 422 | 429 | 503, view: Partial<FormView>, retryAfter?: number) => Outcome,
): Promise<Outcome> {
  const { db, policy, now } = ctx;
  const secrets = await ctx.secrets();
  // The token is read before the post is counted (no database), so one statement both counts
  // the post and finds an earlier identical one; and a post that passes every rule checked here
  // is stored by that statement too, if the counts allow it (one commit for an accepted post).
  const read = readFormToken(hidden.token, secrets.formToken);
  const claims = read && read.key === hidden.key ? read : null;
  const ready =
    claims && hidden.honeypot.trim() === '' ? await readyToStore(ctx, form, hidden, claims, secrets) : null;
  const traffic = await recordPost(
    db,
    addressBucket(secrets, addressKey(ctx.address)),
    now,
    policy,
    claims?.key ?? null,
    ready ?? undefined,
  );
  if (traffic.stored) return { kind: 'stored', reference: traffic.stored };
  // Not stored: the rules below refuse it with these counts, in their usual order.
  const refuse = async (outcome: Outcome) => {
    await recordFailure(db, now, policy);
    return outcome;
  };

  // A filled honeypot is a bot: it is answered like a success, and nothing is stored.
  if (hidden.honeypot.trim() !== '') return refuse({ kind: 'honeypot' });

  if (!claims) {
    const key = newIdempotencyKey();
    const token = signFormToken({ issuedAt: now.getTime(), key, source: null }, secrets.formToken);
    return refuse(show(422, { notice: { kind: 'expired' }, token, key }));
  }
  if (traffic.earlier) return { kind: 'stored', reference: traffic.earlier };

  const timing = checkTokenTiming(claims, now, {
    minFillMs: policy.minFillMs,
    maxAgeMs: policy.maxTokenAgeMs,
  });
  if (timing === 'stale') {
    const token = signFormToken({ ...claims, issuedAt: now.getTime() }, secrets.formToken);
    return refuse(show(422, { notice: { kind: 'expired' }, token }));
  }
  if (timing === 'too-fast') return refuse(show(422, { notice: { kind: 'tooFast' } }));

  if (isRateLimited(traffic.address, policy)) {
    const minutes = Math.ceil(policy.windowMs / 60_000);
    return refuse(show(429, { notice: { kind: 'rateLimited', minutes } }, minutes * 60));
  }
  const underAttack = isUnderAttack(traffic, policy);
  const challenge = underAttack ? await createPowChallenge(claims.key, policy.pow, secrets.pow, now) : null;
  const powSolved = underAttack && (await verifyPow(hidden.pow, claims.key, secrets.pow, now));
  if (underAttack && !powSolved) return refuse(show(429, { notice: { kind: 'powRequired' }, challenge }));

  const publicKey = await ctx.publicKey();
  if (!publicKey) return show(503, { notice: { kind: 'notOpenKept' } });

  const result = validateRequest(form, serverPhoneCheck);
  if (!result.ok) return show(422, { errors: result.errors, challenge, pow: powSolved ? hidden.pow : '' });

  // Every rule let it through, yet the statement stored nothing: a resend of the same form
  // committed in between. Inserting again finds that request.
  const row = ready?.row ?? (await sealPost(ctx, publicKey, result.fields, claims));
  const stored = await insertRequestOnce(db, row);
  return { kind: 'stored', reference: stored.reference };
}

/**
 * The sealed request of a post that passes every rule decided without the database (token,
 * timing, set-up, fields), with whether its proof of work is solved; null for any other post.
 */
async function readyToStore(
  ctx: PostContext,
  form: RawForm,
  hidden: PostedHidden,
  claims: FormTokenClaims,
  secrets: IntakeSecrets,
): Promise<ReadyPost | null> {
  const { policy, now } = ctx;
  const timing = checkTokenTiming(claims, now, {
    minFillMs: policy.minFillMs,
    maxAgeMs: policy.maxTokenAgeMs,
  });
  if (timing !== 'ok') return null;
  const publicKey = await ctx.publicKey();
  if (!publicKey) return null;
  const result = validateRequest(form, serverPhoneCheck);
  if (!result.ok) return null;
  const powSolved = hidden.pow !== '' && (await verifyPow(hidden.pow, claims.key, secrets.pow, now));
  return { row: await sealPost(ctx, publicKey, result.fields, claims), powSolved };
}

/** The post's request sealed, with where its visit began. */
async function sealPost(
  ctx: PostContext,
  publicKey: Uint8Array,
  fields: RequestFields,
  claims: FormTokenClaims,
): Promise<NewRequest> {
  const visit = await visitOf(ctx);
  return sealNewRequest(publicKey, fields, {
    receivedAt: ctx.now,
    locale: ctx.locale,
    sourcePage: claims.source,
    campaign: visit?.utmCampaign ?? null,
    ...(visit ? { attribution: visit } : {}),
    idempotencyKey: claims.key,
  });
}

/**
 * The visit this post was sent in, so the request names the campaign the dashboard counts it
 * under (docs/decisions/0007-the-campaign-of-a-request-is-its-visit.md). Never in the way of a
 * request: if analytics cannot answer, the request is stored without it.
 */
async function visitOf(
  ctx: PostContext,
): Promise<(VisitAttribution & { utmCampaign: string | null }) | null> {
  if (!ctx.findVisit) return null;
  try {
    const visit = await ctx.findVisit({ address: ctx.address, userAgent: ctx.userAgent, now: ctx.now });
    if (!visit) return null;
    // Only the known fields: nothing else of analytics' row travels with the request.
    const { landingPage, utmSource, utmMedium, utmCampaign, utmTerm, utmContent } = visit;
    return { landingPage, utmSource, utmMedium, utmCampaign, utmTerm, utmContent };
  } catch (error) {
    const e = error as { name?: string; code?: unknown };
    ctx.logger.warn({ err: { type: e.name, code: e.code } }, 'request form: visit of the post not found');
    return null;
  }
}
