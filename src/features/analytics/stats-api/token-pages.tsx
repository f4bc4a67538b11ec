import { dateTimeFormat } from '../../../lib/date-format.ts';
import { ErrorSummary, Notice, StaffField } from '../../../ui/staff-form.tsx';
import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { StaffFrame } from '../../auth/index.ts';
import { STATS_PATH } from './api-route.ts';
import { MAX_TOKEN_NAME, type StatsToken } from './tokens.ts';

type Listed = StatsToken & { createdByEmail: string | null };

/** "Nov 25, 2026, 3:12 PM PST" in the clinic's zone. */
const when = (d: Date, timeZone: string) =>
  dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);

/** The admin's list of stats-API tokens, the form that makes one, and a revoke button on each. */
export function TokensPage(
  props: StaffFrame & {
    tokens: Listed[];
    timeZone: string;
    siteUrl: string;
    name: string;
    error?: string;
    notice?: string;
  },
) {
  const { tokens, timeZone } = props;
  const example = `curl -H "Authorization: Bearer clinic_stats_…" "${props.siteUrl}${STATS_PATH}?from=2026-11-01&to=2026-11-30&campaign=spring_ad"`;
  return (
    <StaffLayout
      site={props.site}
      staff={props.staff}
      csrf={props.csrf}
      title="Stats API tokens"
      current="analytics"
    >
      <h1>Stats API tokens</h1>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <ErrorSummary errors={props.error ? [['name', props.error]] : []} />
      <p>
        A token lets a script or a spreadsheet read the analytics, the same figures as{' '}
        <code>clinic report --json</code>: counts only, never patient data. It cannot change anything. Revoke
        a token as soon as it is no longer needed.
      </p>
      <p>
        <code class="secret">{example}</code>
      </p>
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <table data-table="stats-tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr data-token={t.id}>
                <th scope="row">{t.name}</th>
                <td>{`${when(t.createdAt, timeZone)}${t.createdByEmail ? ` by ${t.createdByEmail}` : ''}`}</td>
                <td>{t.lastUsedAt ? when(t.lastUsedAt, timeZone) : 'Never'}</td>
                <td>
                  {t.revokedAt ? (
                    `Revoked ${when(t.revokedAt, timeZone)}`
                  ) : (
                    <a href={`/staff/analytics/tokens/${t.id}/revoke`}>{`Revoke ${t.name}`}</a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Create a token</h2>
      <form method="post" action="/staff/analytics/tokens" novalidate>
        <CsrfField value={props.csrf} />
        <StaffField
          name="name"
          label="Name"
          hint={`What it is for, so you know which one to revoke (up to ${MAX_TOKEN_NAME} characters).`}
          value={props.name}
          error={props.error}
          required
        />
        <button type="submit" class="button">
          Create token
        </button>
      </form>
      <p>
        <a href="/staff/analytics">Back to analytics</a>
      </p>
    </StaffLayout>
  );
}

/** The new token, shown this once. */
export function TokenCreatedPage(props: StaffFrame & { name: string; token: string }) {
  return (
    <StaffLayout
      site={props.site}
      staff={props.staff}
      csrf={props.csrf}
      title="Token created"
      current="analytics"
    >
      <h1>Token created</h1>
      <p>{`“${props.name}” can now read the stats API.`}</p>
      <p>
        <strong>This page shows the token only once.</strong> Copy it now into the script or tool that needs
        it; it is stored only in a form that cannot be turned back into the token.
      </p>
      <p>
        <code class="secret" id="stats-token">
          {props.token}
        </code>
      </p>
      <p>
        <a href="/staff/analytics/tokens">Back to the tokens</a>
      </p>
    </StaffLayout>
  );
}

/** "Revoke x?": a destructive step is never one click. */
export function RevokeTokenPage(props: StaffFrame & { token: StatsToken }) {
  const title = `Revoke ${props.token.name}?`;
  return (
    <StaffLayout site={props.site} staff={props.staff} csrf={props.csrf} title={title} current="analytics">
      <h1>{title}</h1>
      <p>Whatever uses this token can no longer read the statistics, from now on. This cannot be undone.</p>
      <form method="post" action={`/staff/analytics/tokens/${props.token.id}/revoke`}>
        <CsrfField value={props.csrf} />
        <button type="submit" class="button">
          Revoke the token
        </button>{' '}
        <a href="/staff/analytics/tokens">Keep it</a>
      </form>
    </StaffLayout>
  );
}
