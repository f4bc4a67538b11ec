import type { Context } from 'hono';
import { renderDocument } from '../../ui/layout.tsx';

type Status = 200 | 403 | 404 | 410 | 422 | 429;

/**
 * Sends a staff page. Staff pages can show patient data, secrets or tokens: no cache may keep
 * them (no-store), on top of the Cache-Control the staff area sets for every answer.
 */
export async function sendStaffPage(
  c: Context,
  page: Parameters<typeof renderDocument>[0],
  status: Status = 200,
): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderDocument(page), status);
}
