import { Hono, type Context } from 'hono';
import type { Database } from '../../db/client.ts';
import type { Site } from '../../ui/site.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { completeSetup } from './complete-setup.ts';
import { SetupError } from './errors.ts';
import { isSetupTokenValid } from './first-start.ts';
import { totpQrSvg } from './qr.ts';
import { SetupDonePage } from './setup-done-page.tsx';
import {
  CODE_PROBLEM,
  isTotpSecret,
  readSetupFields,
  validateSetupEmail,
  validateSetupFields,
  type SetupFieldErrors,
} from './setup-form.ts';
import { SetupEmailPage, SetupSecurePage } from './setup-form-page.tsx';
import { checkTotpCode, createTotpEnrollment, totpUri } from './totp.ts';
import { SetupForbiddenPage, SetupLinkInvalidPage } from './setup-message-page.tsx';

export type SetupRoutesDeps = { db: Database; siteUrl: string; site: Site; now?: () => Date };

/**
 * The set-up link printed at first start, in two steps. GET /staff/setup?token=… asks for the
 * first admin's e-mail; its POST shows the password fields, the authenticator QR code and a code
 * field; that POST checks the code and only then creates the admin, showing the recovery kit once.
 * CSRF: the one-time token travels in a hidden field, and the POST must come from our origin.
 */
export function setupRoutes({ db, siteUrl, site, now = () => new Date() }: SetupRoutesDeps): Hono {
  const app = new Hono();
  // Pages carry secrets or a token: never cached anywhere.
  const html = sendStaffPage;
  const invalidLink = (c: Context) => html(c, <SetupLinkInvalidPage site={site} />, 404);

  app.get('/staff/setup', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!(await isSetupTokenValid(db, token))) return invalidLink(c);
    return html(c, <SetupEmailPage site={site} token={token} email="" errors={{}} />);
  });

  app.post('/staff/setup', async (c) => {
    if (c.req.header('origin') !== new URL(siteUrl).origin)
      return html(c, <SetupForbiddenPage site={site} />, 403);
    const { token, ...fields } = readSetupFields(await c.req.parseBody());
    if (!(await isSetupTokenValid(db, token))) return invalidLink(c);
    const email = fields.email.trim().toLowerCase();

    const emailErrors = validateSetupEmail(fields);
    // Step one, or a step two whose hidden fields were tampered with: back to the e-mail.
    if (fields.step === 'email' || Object.keys(emailErrors).length > 0 || !isTotpSecret(fields.totpSecret)) {
      if (Object.keys(emailErrors).length > 0)
        return html(
          c,
          <SetupEmailPage site={site} token={token} email={fields.email} errors={emailErrors} />,
          422,
        );
      const { secret } = createTotpEnrollment(email, site.clinic.name);
      return secure(c, token, email, secret, {}, 200);
    }

    const at = now();
    const errors = validateSetupFields(fields);
    let confirmedStep: number | null = null;
    if (!errors.code) {
      const check = await checkTotpCode(fields.totpSecret, fields.code, at, null);
      if (check.ok) confirmedStep = check.timeStep;
      else errors.code = CODE_PROBLEM;
    }
    if (Object.keys(errors).length > 0 || confirmedStep === null)
      return secure(c, token, email, fields.totpSecret, errors, 422);
    try {
      const result = await completeSetup(db, {
        email,
        password: fields.password,
        setupToken: token,
        now: at,
        issuer: site.clinic.name,
        totp: { secret: fields.totpSecret, confirmedStep },
      });
      const createdAt = formatInZone(at, site.clinic.timeZone);
      return html(c, <SetupDonePage site={site} email={email} result={result} createdAt={createdAt} />);
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      if (error.problem === 'invalid-email')
        return secure(c, token, email, fields.totpSecret, { email: error.message }, 422);
      if (error.problem === 'weak-password')
        return secure(c, token, email, fields.totpSecret, { password: error.message }, 422);
      return invalidLink(c); // used meanwhile (double submit) or replaced by a restart
    }
  });

  async function secure(
    c: Context,
    token: string,
    email: string,
    secret: string,
    errors: SetupFieldErrors,
    status: 200 | 422,
  ) {
    const uri = totpUri(email, secret, site.clinic.name);
    const qrSvg = await totpQrSvg(uri);
    return html(
      c,
      <SetupSecurePage site={site} token={token} email={email} totpUri={uri} qrSvg={qrSvg} errors={errors} />,
      status,
    );
  }

  return app;
}

/** "December 2, 2026 at 9:05 AM" in the clinic's zone, for the recovery kit. */
function formatInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}
