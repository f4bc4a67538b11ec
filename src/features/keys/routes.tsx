import { Hono, type Context } from 'hono';
import type { Database } from '../../db/client.ts';
import type { Site } from '../../ui/site.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { completeSetup } from './complete-setup.ts';
import { SetupError } from './errors.ts';
import { isSetupTokenValid } from './first-start.ts';
import { totpQrSvg } from './qr.ts';
import { SetupDonePage } from './setup-done-page.tsx';
import { readSetupFields, validateSetupFields } from './setup-form.ts';
import { SetupFormPage } from './setup-form-page.tsx';
import { SetupForbiddenPage, SetupLinkInvalidPage } from './setup-message-page.tsx';

export type SetupRoutesDeps = { db: Database; siteUrl: string; site: Site };

/**
 * The set-up link printed at first start: GET /staff/setup?token=… shows the first-admin form,
 * POST creates the admin and shows the recovery key, TOTP QR code and recovery codes once.
 * CSRF: the one-time token travels in a hidden field, and the POST must come from our origin.
 */
export function setupRoutes({ db, siteUrl, site }: SetupRoutesDeps): Hono {
  const app = new Hono();
  // Pages carry secrets or a token: never cached anywhere.
  const html = sendStaffPage;
  const invalidLink = (c: Context) => html(c, <SetupLinkInvalidPage site={site} />, 404);

  app.get('/staff/setup', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!(await isSetupTokenValid(db, token))) return invalidLink(c);
    return html(c, <SetupFormPage site={site} token={token} email="" errors={{}} />);
  });

  app.post('/staff/setup', async (c) => {
    if (c.req.header('origin') !== new URL(siteUrl).origin)
      return html(c, <SetupForbiddenPage site={site} />, 403);
    const { token, ...fields } = readSetupFields(await c.req.parseBody());
    if (!(await isSetupTokenValid(db, token))) return invalidLink(c);
    const errors = validateSetupFields(fields);
    const form = (e = errors) =>
      html(c, <SetupFormPage site={site} token={token} email={fields.email} errors={e} />, 422);
    if (Object.keys(errors).length > 0) return form();
    try {
      const result = await completeSetup(db, {
        email: fields.email,
        password: fields.password,
        setupToken: token,
        now: new Date(),
        issuer: site.clinic.name,
      });
      const qrSvg = await totpQrSvg(result.totpUri);
      return html(
        c,
        <SetupDonePage site={site} email={fields.email.trim().toLowerCase()} result={result} qrSvg={qrSvg} />,
      );
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      if (error.problem === 'invalid-email') return form({ email: error.message });
      if (error.problem === 'weak-password') return form({ password: error.message });
      return invalidLink(c); // used meanwhile (double submit) or replaced by a restart
    }
  });

  return app;
}
