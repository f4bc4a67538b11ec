import type { Site } from '../../ui/site.ts';
import { StaffLayout } from '../../ui/staff-layout.tsx';

/** A set-up link that is wrong, replaced by a newer one, or already used. */
export function SetupLinkInvalidPage({ site }: { site: Site }) {
  return (
    <StaffLayout site={site} staff={null} title="Set-up link not valid">
      <h1>This set-up link is not valid</h1>
      <p>
        It may have been used already, or replaced by a newer link when the server restarted. Set-up links
        work once.
      </p>
      <p>
        If the clinic is not set up yet, use the newest link printed by the server when it starts, or stop the
        server and run <code>npm run clinic -- setup --email you@example.com</code>.
      </p>
    </StaffLayout>
  );
}

/** A set-up form that was not sent from this site's own page. */
export function SetupForbiddenPage({ site }: { site: Site }) {
  return (
    <StaffLayout site={site} staff={null} title="Form not accepted">
      <h1>This form was not accepted</h1>
      <p>{`For safety, the set-up form must be sent from its own page at ${site.siteUrl}. Open the set-up link again and send the form from there.`}</p>
    </StaffLayout>
  );
}
