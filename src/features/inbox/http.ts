import type { Context } from 'hono';
import type { Logger } from '../../lib/logger.ts';
import { renderDocument } from '../../ui/layout.tsx';
import type { requireStaff } from '../auth/index.ts';
import type { Actor } from '../requests/index.ts';

/** What the inbox needs: the staff area's deps (AppDeps satisfies them) and the logger. */
export type InboxDeps = Parameters<typeof requireStaff>[0] & { logger: Logger };

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
