import type { Child } from 'hono/jsx';
import {
  canManageStaff,
  canReadRequests,
  canViewAnalytics,
  canViewAudit,
  ROLE_LABELS,
  type StaffRole,
} from '../features/auth/roles.ts'; // pure role rules: the navigation shows what each role may open
import type { Site } from './site.ts';

/** The staff area's sections, for the navigation's aria-current. */
export type StaffSection = 'inbox' | 'analytics' | 'staff' | 'audit' | 'account';

export type StaffLayoutProps = {
  site: Site;
  /** The signed-in member (c.get('staff')); null on the sign-in and invite pages. */
  staff: { email: string; role: StaffRole } | null;
  /** csrfToken(c): for the sign-out form in the header (needed only with a member). */
  csrf?: string;
  title: string;
  current?: StaffSection;
  /** Sends the browser on to this same-site address at once (meta refresh; no script). */
  refreshTo?: string;
  /** Same-origin scripts that enhance the page (deferred; the page works without them). */
  scripts?: string[];
  children: Child;
};

const SECTIONS: {
  section: StaffSection;
  label: string;
  href: string;
  allowed: (role: StaffRole) => boolean;
}[] = [
  { section: 'inbox', label: 'Inbox', href: '/staff/', allowed: canReadRequests },
  { section: 'analytics', label: 'Analytics', href: '/staff/analytics', allowed: canViewAnalytics },
  { section: 'staff', label: 'Staff', href: '/staff/staff', allowed: canManageStaff },
  { section: 'audit', label: 'Audit', href: '/staff/audit', allowed: canViewAudit },
  { section: 'account', label: 'Account', href: '/staff/account', allowed: () => true },
];

/** The hidden field every state-changing staff form carries: <CsrfField value={csrfToken(c)} />. */
export function CsrfField({ value }: { value: string }) {
  return <input type="hidden" name="csrf" value={value} />;
}

/**
 * The frame of every staff page, set-up included: never indexed, styled only by stylesheets
 * (strict CSP), no script needed (a page may add same-origin ones that enhance it). Referer carries only our origin ("strict-origin"): the set-up
 * and invite pages hold a one-time token in their URL. ("no-referrer" would also make browsers
 * send `Origin: null` on form posts, which the Origin check refuses.) Header with the member's
 * e-mail, role and a sign-out button; navigation by role.
 * @example <StaffLayout site={site} staff={c.get('staff')} csrf={csrfToken(c)} title="Inbox" current="inbox">…</StaffLayout>
 */
export function StaffLayout(props: StaffLayoutProps) {
  const { site, staff } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="strict-origin" />
        <title>{`${props.title} | ${site.clinic.name} staff`}</title>
        {props.refreshTo ? <meta http-equiv="refresh" content={`0; url=${props.refreshTo}`} /> : null}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={site.stylesheet} />
        <link rel="stylesheet" href={site.staffStylesheet} />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body class="staff">
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="staff-header">
          <div class="wrap">
            <span class="brand">{`${site.clinic.name} · staff`}</span>
            {staff ? (
              <div class="staff-who">
                <span>{staff.email}</span>
                <span class="staff-role">{ROLE_LABELS[staff.role]}</span>
                <form method="post" action="/staff/sign-out" class="inline-form">
                  <CsrfField value={props.csrf ?? ''} />
                  <button type="submit" class="button secondary">
                    Sign out
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        {staff ? (
          <nav class="staff-nav" aria-label="Staff area">
            <ul class="wrap">
              {SECTIONS.filter((s) => s.allowed(staff.role)).map((s) => (
                <li>
                  <a href={s.href} aria-current={s.section === props.current ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
