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
