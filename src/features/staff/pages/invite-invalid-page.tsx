import { StaffLayout } from '../../../ui/staff-layout.tsx';
import type { Site } from '../../../ui/site.ts';

/** An invite link that was used, replaced by a newer one, or expired. */
export function InviteInvalidPage({ site, csrf }: { site: Site; csrf: string }) {
  return (
    <StaffLayout site={site} staff={null} csrf={csrf} title="This link is not valid">
      <h1>This link is not valid</h1>
      <p>
        It may have been used already, replaced by a newer link, or it expired (links work for 72 hours). Ask
        an administrator for a new one.
      </p>
      <p>
        <a href="/staff/sign-in">Sign in</a>
      </p>
    </StaffLayout>
  );
}
