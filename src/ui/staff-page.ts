import type { Context } from 'hono';
import { renderDocument } from './layout.tsx';

type Status = 200 | 400 | 403 | 404 | 409 | 410 | 422 | 429 | 503;

/**
 * Sends a staff page (set-up, sign-in, inbox, accounts, analytics). Staff pages can show patient
 * data, secrets or tokens: no cache may keep them (no-store), on top of the Cache-Control the staff
 * area sets for every answer. The one place that says so.
 */
export async function sendStaffPage(
  c: Context,
  page: Parameters<typeof renderDocument>[0],
  status: Status = 200,
): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderDocument(page), status);
}
