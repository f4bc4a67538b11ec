import type { Context } from 'hono';
import type { HttpError } from '../../lib/http-error.ts';
import type { Site } from '../../ui/site.ts';
import { csrfToken } from './context.ts';
import { sendStaffPage } from '../../ui/staff-page.ts';
import { ForbiddenPage, MessagePage } from './pages/message-page.tsx';

/**
 * The staff area's answer to an expected failure (HttpError) thrown by a staff route, such as
 * requireRole's or getSessionPrivateKey's 403: a page in the staff frame with that status.
 * app.ts calls it from its one onError for paths under /staff/.
 */
export function staffHttpError(c: Context, error: HttpError, site: Site): Promise<Response> {
  const staff = (c.get('staff') as Context['var']['staff'] | undefined) ?? null;
  const csrf = c.get('staffCookie') ? csrfToken(c) : '';
  const frame = { site, staff, csrf };
  if (error.status === 403) return sendStaffPage(c, <ForbiddenPage {...frame} />, 403);
  const status = error.status === 404 || error.status === 422 || error.status === 429 ? error.status : 422;
  const page = (
    <MessagePage {...frame} title="This did not work">
      <p>The request could not be completed. Go back and try again.</p>
    </MessagePage>
  );
  return sendStaffPage(c, page, status);
}

/** Seconds a browser or a script is asked to wait before trying a page again during an outage. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

/**
 * The staff area's answer when the database cannot serve a page (stopped, unreachable, disk
 * full, read-only): a 503 that says what happened and what to do, instead of a generic error.
 * Nothing is kept in the process, so the same page works again once the database is back.
 */
export function staffDatabaseUnavailable(c: Context, site: Site): Promise<Response> {
  const staff = (c.get('staff') as Context['var']['staff'] | undefined) ?? null;
  const csrf = c.get('staffCookie') ? csrfToken(c) : '';
  const again = c.req.method === 'GET' ? c.req.url.slice(new URL(c.req.url).origin.length) : null;
  c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  const page = (
    <MessagePage site={site} staff={staff} csrf={csrf} title="The database is unavailable">
      <p>
        The staff area cannot reach its database just now (it may be stopped, restarting, or out of disk
        space), so this page could not be shown and nothing could be saved.
      </p>
      <p>
        {c.req.method === 'GET'
          ? 'Wait a minute, then try again: the staff area works again by itself as soon as the database is back.'
          : 'What you sent may not have been saved. Wait a minute, go back, and send it again once the page loads.'}{' '}
        If it lasts more than a few minutes, tell whoever runs the server.
      </p>
      {again ? (
        <p>
          <a href={again}>Try again</a>
        </p>
      ) : null}
    </MessagePage>
  );
  return sendStaffPage(c, page, 503);
}
