import type { Context } from 'hono';
import type { Logger } from '../../lib/logger.ts';
import { renderDocument } from '../../ui/layout.tsx';
import type { Site } from '../../ui/site.ts';
import { csrfToken, type requireStaff, type StaffSession } from '../auth/index.ts';
import type { Actor } from './workflow-queries.ts';

/** What the inbox needs: the staff area's deps (AppDeps satisfies them) and the logger. */
export type InboxDeps = Parameters<typeof requireStaff>[0] & { logger: Logger };

/** What every staff page frame needs: the site, who is signed in, and the CSRF token for its forms. */
export type Frame = { site: Site; staff: StaffSession; csrf: string };

/** The frame for a page of this request: the signed-in member and a CSRF token for its forms. */
export function frameOf(c: Context, site: Site): Frame {
  return { site, staff: c.get('staff'), csrf: csrfToken(c) };
}

/** Who acts on this request, for the audit trail. */
export function actorOf(c: Context, deps: InboxDeps): Actor {
  const staff = c.get('staff');
  return { staffId: staff.staffId, email: staff.email, address: deps.clientAddress?.(c) ?? null };
}

/** Sends a staff page; it may show patient data, so no cache may keep it. */
export async function sendPage(
  c: Context,
  page: Parameters<typeof renderDocument>[0],
  status: 200 | 404 | 409 | 422 = 200,
): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderDocument(page), status);
}

/** The string value of a posted field ('' when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}
