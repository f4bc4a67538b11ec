import type { Child } from 'hono/jsx';
import { StaffLayout } from '../../../ui/staff-layout.tsx';
import type { Site } from '../../../ui/site.ts';
import type { StaffSession } from '../context.ts';

type Frame = { site: Site; staff: StaffSession | null; csrf: string };

/** A page with a heading and a few paragraphs, in the staff frame. */
export function MessagePage(props: Frame & { title: string; refreshTo?: string; children: Child }) {
  return (
    <StaffLayout
      site={props.site}
      staff={props.staff}
      csrf={props.csrf}
      title={props.title}
      refreshTo={props.refreshTo}
    >
      <h1>{props.title}</h1>
      {props.children}
    </StaffLayout>
  );
}

/** 403 for a page the member's role does not open. */
export function ForbiddenPage(props: Frame) {
  return (
    <MessagePage {...props} title="You do not have access to this page">
      <p>Your role does not include this part of the staff area. If you need it, ask an administrator.</p>
      <p>
        <a href={props.staff ? '/staff/account' : '/staff/sign-in'}>Go to your account</a>
      </p>
    </MessagePage>
  );
}

/** 403 for a form that failed the Origin or CSRF check. */
export function FormRejectedPage(props: Frame) {
  return (
    <MessagePage {...props} title="This form was not accepted">
      <p>
        For safety, staff forms are accepted only when sent from their own page on {props.site.siteUrl}.
        Nothing was changed.
      </p>
      <p>Go back, reload the page, and send the form again.</p>
    </MessagePage>
  );
}

/**
 * Shown to a browser that arrived from another site (a link in an e-mail) without our cookie:
 * SameSite=Strict kept it back. A same-site reload sends it, so the member is not signed out
 * by a new cookie replacing theirs.
 */
export function ContinuePage(props: Frame & { href: string }) {
  return (
    <MessagePage {...props} title="Continue to the staff area" refreshTo={props.href}>
      <p>
        <a href={props.href}>Continue</a>
      </p>
    </MessagePage>
  );
}
