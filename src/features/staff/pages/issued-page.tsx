import { ROLE_LABELS } from '../../auth/index.ts';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame } from '../../auth/index.ts';
import type { IssuedInvite } from '../invites.ts';
import type { Member } from '../queries.ts';

type Frame = StaffFrame;

/** The one-time link of a new invite or reset, shown once to the admin who made it. */
export function IssuedPage({
  site,
  staff,
  csrf,
  issued,
  link,
  reset,
}: Frame & { issued: IssuedInvite; link: string; reset: boolean }) {
  const title = reset ? 'Reset link created' : 'Invite link created';
  return (
    <StaffLayout site={site} staff={staff} csrf={csrf} title={title} current="staff">
      <h1>{title}</h1>
      <p>{`For ${issued.email} (${ROLE_LABELS[issued.role]}). It works once, until ${issued.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`}</p>
      <p>
        <strong>This page shows the link only once.</strong> Give it to them privately, for example by phone
        or in person: whoever opens it sets up the account.
      </p>
      <p>
        <code class="secret" id="invite-link">
          {link}
        </code>
      </p>
      <p>
        <a href="/staff/staff">Back to staff</a>
      </p>
    </StaffLayout>
  );
}

/** "Disable x?" or "Reset x?": one button to go ahead, one link back. Destructive steps are never one click. */
export function ConfirmPage({
  site,
  staff,
  csrf,
  member,
  action,
}: Frame & { member: Member; action: 'disable' | 'reset' }) {
  const enable = action === 'reset' && member.disabledAt !== null;
  const title =
    action === 'disable'
      ? `Disable ${member.email}?`
      : enable
        ? `Enable ${member.email} again?`
        : `Reset ${member.email}?`;
  return (
    <StaffLayout site={site} staff={staff} csrf={csrf} title={title} current="staff">
      <h1>{title}</h1>
      {action === 'disable' ? (
        <p>They are signed out at once, cannot sign in again, and their copy of the clinic key is deleted.</p>
      ) : enable ? (
        <p>
          The account keeps its role and history. You get a new one-time link for them to choose a password
          and set up their authenticator app; until they use it, nobody can sign in to the account.
        </p>
      ) : (
        <p>
          For a member who lost their password or authenticator. They are signed out at once, their password,
          recovery codes and copy of the clinic key stop working, and you get a new one-time link for them to
          set up again.
        </p>
      )}
      <form method="post" action={`/staff/staff/${member.id}/${action}`}>
        <CsrfField value={csrf} />
        <button class="button" type="submit">
          {action === 'disable'
            ? 'Disable the account'
            : enable
              ? 'Enable and create a link'
              : 'Reset and create a link'}
        </button>
        <a href="/staff/staff">Cancel</a>
      </form>
    </StaffLayout>
  );
}
