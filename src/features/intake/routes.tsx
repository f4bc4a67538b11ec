import { Hono, type Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { LOCALES, otherLocale, type Locale } from '../../i18n/locales.ts';
import type { Logger } from '../../lib/logger.ts';
import { renderDocument } from '../../ui/layout.tsx';
import { REQUEST_PATH, SELF_CHECK_PATH, type PublicSite } from '../content/index.ts';
import { clinicPublicKeyLoader, isSetupComplete } from '../keys/index.ts';
import { isUnderAttack, type IntakePolicy } from './abuse.ts';
import { newIdempotencyKey, signFormToken } from './form-token.ts';
import { freshForms, isSpliceable, sendFreshForm } from './fresh-form.ts';
import { sendHtml } from './html-response.ts';
import { RequestPage } from './pages/request-page.tsx';
import { ThankYouPage } from './pages/thank-you-page.tsx';
import { createPowChallenge } from './pow.ts';
import { findRequestByReference, HIDDEN_FIELDS } from '../requests/index.ts';
import { receivePost, type FindVisit, type FormView } from './receive-post.ts';
import { formatDeadline } from './response-time.ts';
import { contactPromise, type ContactWindow } from './contact-promise.ts';
import { openContactChoice, sealContactChoice } from './thank-you-token.ts';
import type { ContactMethod, ThankYouPromise } from './pages/thank-you-page.tsx';
import { emptyForm, readForm, type RawForm } from './rules.ts';
import { intakeSecretsLoader } from './secrets.ts';
import { recentTraffic } from './traffic.ts';
import { visitFrom } from './visit.ts';
import { CARRY_FIELD, CARRY_MARK, readCarried } from './carry-over.ts';
import { postedText } from '../../lib/posted.ts';
import { postedForm } from '../../http/posted-form.ts';

export type IntakeDeps = {
  db: Database;
  logger: Logger;
  publicSite: PublicSite;
  now: () => Date;
  /** The visitor's network address, for the per-address rate limit. */
  clientAddress: (c: Context) => string;
  policy: IntakePolicy;
  /** The analytics visit a browser is in (app.ts wires analytics' finder); without it, none is recorded. */
  findVisit?: FindVisit;
};

/** Where a stored request's thank-you page lives: under the form's own path. */
export const SENT_PATH: Record<Locale, string> = { en: '/en/request/sent', es: '/es/solicitud/enviada' };
/** Name of the browser script in src/assets/build.ts SCRIPT_ENTRIES. */
export const FORM_SCRIPT = 'request-form.js';
/** The analytics tracker listens for the form's moments, so it loads first (defer keeps the order). */
const TRACKER_SCRIPT = 'analytics.js';

/**
 * The confidential request form in both languages: GET shows it, POST receives it (see
 * receive-post.ts for the rules), and the thank-you page confirms a committed request.
 */
export function intakeRoutes(deps: IntakeDeps): Hono {
  const { db, publicSite, policy } = deps;
  const { site, content } = publicSite;
  const secrets = intakeSecretsLoader(db);
  const publicKey = clinicPublicKeyLoader(db);
  const app = new Hono();
  const scripts = [...optionalAsset(publicSite, TRACKER_SCRIPT), publicSite.assets.url(FORM_SCRIPT)];

  const formHtml = (locale: Locale, form: RawForm, view: FormView, focus: boolean) =>
    renderDocument(
      <RequestPage
        site={site}
        locale={locale}
        path={REQUEST_PATH[locale]}
        twin={REQUEST_PATH[otherLocale(locale)]}
        privacyPath={content.pathOf(locale, 'privacy')}
        scripts={scripts}
        form={form}
        errors={view.errors}
        notice={view.notice}
        focus={focus}
        token={view.token}
        idempotencyKey={view.key}
        challenge={view.challenge}
        pow={view.pow}
      />,
    );
  const renderForm = async (
    c: Context,
    locale: Locale,
    form: RawForm,
    view: FormView,
    status: 200 | 422 | 429 | 503,
    focus: boolean,
  ) => {
    const html = await formHtml(locale, form, view, focus);
    // A page showing typed answers must not be kept by any cache; a fresh form may be (no-cache).
    return sendHtml(c, html, status, status === 200 ? 'private, no-cache' : 'no-store');
  };
  // A first visit's form, the common case: rendered once per language, each visitor's token and
  // key spliced in (fresh-form.ts).
  const fresh = freshForms((locale, token, key) =>
    formHtml(
      locale,
      emptyForm(locale),
      { errors: {}, notice: null, token, key, challenge: null, pow: '' },
      false,
    ),
  );
  // Set-up, once complete, stays complete; until then every view asks the database.
  let setUp = false;
  const isOpen = async () => {
    if (setUp) return true;
    const complete = await isSetupComplete(db).catch(() => null);
    if (complete) setUp = true;
    // If the database cannot say, assume all is well: nothing may keep the form from showing.
    return complete ?? true;
  };
  // Whether the form is under attack, asked at most once a second (and again after a post here
  // changed the counts): the form's views need not each ask the database.
  let attack: { at: number; value: boolean } | null = null;
  const underAttack = async (now: Date) => {
    const at = now.getTime();
    if (attack && at >= attack.at && at - attack.at < 1000) return attack.value;
    const value = await recentTraffic(db, now, policy).then(
      (t) => isUnderAttack(t, policy),
      () => false,
    );
    attack = { at, value };
    return value;
  };

  for (const locale of LOCALES) {
    // Read at start, so a missing shared passage stops the server rather than a thank-you page.
    const whenToCall = content.partial(locale, WHEN_TO_CALL);
    app.get(REQUEST_PATH[locale], async (c) => {
      const now = deps.now();
      const { formToken, pow } = await secrets();
      const visit = visitFrom({
        referer: c.req.header('referer'),
        origins: [site.siteUrl, new URL(c.req.url).origin],
        isPage: (path) => content.byPath(path) !== undefined,
      });
      const key = newIdempotencyKey();
      const token = signFormToken({ issuedAt: now.getTime(), key, ...visit }, formToken);
      const underAttackNow = await underAttack(now);
      const open = await isOpen();
      if (!underAttackNow && open && isSpliceable(token) && isSpliceable(key)) {
        return sendFreshForm(c, await fresh.page(locale), token, key);
      }
      const challenge = underAttackNow ? await createPowChallenge(key, policy.pow, pow, now) : null;
      const notice = open ? null : ({ kind: 'notOpen' } as const);
      const view = { errors: {}, notice, token, key, challenge, pow: '' };
      return renderForm(c, locale, emptyForm(locale), view, 200, false);
    });

    app.post(REQUEST_PATH[locale], async (c) => {
      const body = await postedForm(c);
      const text = (name: string) => postedText(body.get(name));
      // Another page (the self-check) opens the form, with answers only if the patient chose so.
      if (text(CARRY_MARK) !== '') {
        const now = deps.now();
        const { formToken } = await secrets();
        const key = newIdempotencyKey();
        // The visitor comes from the self-check: that is the page the request was sent from.
        const token = signFormToken(
          { issuedAt: now.getTime(), key, source: SELF_CHECK_PATH[locale] },
          formToken,
        );
        const form = { ...emptyForm(locale), ...readCarried(text(CARRY_FIELD)) };
        const notice = (await isOpen()) ? null : ({ kind: 'notOpen' } as const);
        const view = { errors: {}, notice, token, key, challenge: null, pow: '' };
        return sendHtml(c, await formHtml(locale, form, view, false), 200, 'no-store');
      }
      const form = readForm(body);
      attack = null; // this post changes the counts
      const outcome = await receivePost(
        {
          ...deps,
          secrets,
          publicKey,
          now: deps.now(),
          address: deps.clientAddress(c),
          userAgent: c.req.header('user-agent') ?? '',
          locale,
        },
        form,
        {
          token: text(HIDDEN_FIELDS.token),
          key: text(HIDDEN_FIELDS.idempotencyKey),
          honeypot: text(HIDDEN_FIELDS.honeypot),
          pow: text(HIDDEN_FIELDS.pow),
        },
      );
      if (outcome.kind === 'stored') {
        // How and when to reach the patient travel sealed, never in clear (thank-you-token.ts).
        const choice = { method: form['contact-method'], window: form['best-time'] };
        const sealed = sealContactChoice(outcome.reference, choice, (await secrets()).thankYou);
        return c.redirect(`${SENT_PATH[locale]}?ref=${outcome.reference}&c=${sealed}`, 303);
      }
      if (outcome.kind === 'honeypot') return c.redirect(SENT_PATH[locale], 303);
      if (outcome.retryAfter) c.header('Retry-After', String(outcome.retryAfter));
      return renderForm(c, locale, form, outcome.view, outcome.status, true);
    });

    app.get(SENT_PATH[locale], async (c) => {
      const ref = c.req.query('ref') ?? '';
      let promise: ThankYouPromise | null = null;
      if (/^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(ref)) {
        const stored = await findRequestByReference(db, ref).catch(() => undefined);
        if (stored === null) return c.notFound();
        if (stored) {
          const key = await secrets().then(
            (s) => s.thankYou,
            () => null,
          );
          const choice = key ? openContactChoice(ref, c.req.query('c') ?? '', key) : null;
          const method = METHODS.find((m) => m === choice?.method) ?? null;
          const window = WINDOWS.find((w) => w === choice?.window) ?? 'any';
          const { by, inWindow } = contactPromise(stored.receivedAt, site.clinic, method ? window : 'any');
          promise = {
            by: formatDeadline(by, locale, site.clinic.timeZone),
            method,
            window: method && inWindow && window !== 'any' ? window : null,
            askedOutsideHours: method && !inWindow && window !== 'any' ? window : null,
          };
        }
      } else if (ref !== '') return c.notFound();
      const html = await renderDocument(
        <ThankYouPage
          site={site}
          locale={locale}
          path={SENT_PATH[locale]}
          formPath={REQUEST_PATH[locale]}
          scripts={scripts}
          reference={promise ? ref : null}
          promise={promise}
          whenToCall={whenToCall}
        />,
      );
      return sendHtml(c, html, 200, 'no-store');
    });
  }
  return app;
}

/** The shared passage on when to call the clinic or 911 (content/<locale>/partials/), also on the procedure pages. */
const WHEN_TO_CALL = 'when-to-call';

const METHODS: readonly ContactMethod[] = ['phone', 'text', 'email'];
const WINDOWS: readonly ContactWindow[] = ['morning', 'afternoon', 'evening', 'any'];

/** An asset's URL when it is built, so the form does not depend on the analytics feature. */
function optionalAsset(publicSite: PublicSite, name: string): string[] {
  try {
    return [publicSite.assets.url(name)];
  } catch {
    return [];
  }
}
