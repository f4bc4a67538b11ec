import type { Database } from '../../db/client.ts';

/** Everyone who ever had an account, for the audit view's "who" filter. */
export function listStaffMembers(db: Database): Promise<{ id: string; email: string }[]> {
  return db.query('SELECT id::text AS id, email FROM staff ORDER BY email');
}

/** The kinds of entry the trail holds so far, for the "what" filter. */
export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.query<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
  return rows.map((r) => r.action);
}
