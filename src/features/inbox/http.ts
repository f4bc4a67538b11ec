import type { Context } from 'hono';
import type { Logger } from '../../lib/logger.ts';
import { clientAddressOf, type requireStaff } from '../auth/index.ts';
import type { Actor } from '../requests/index.ts';
import { postedText } from '../../lib/posted.ts';

/** What the inbox needs: the staff area's deps (AppDeps satisfies them) and the logger. */
export type InboxDeps = Parameters<typeof requireStaff>[0] & { logger: Logger };

/** Who acts on this request, for the audit trail. */
export function actorOf(c: Context, deps: InboxDeps): Actor {
  const staff = c.get('staff');
  return { staffId: staff.staffId, email: staff.email, address: clientAddressOf(deps)(c) };
}

/** The text of a posted field ('' when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  return postedText(body[name]);
}
