import type { RawSql } from '../../db/client.ts';
import { appendAudit, type AuditEvent } from '../audit/index.ts';
import type { Actor } from './errors.ts';

/**
 * A change someone made to a staff account or invite, in the audit trail inside the change's own
 * transaction: who, from which address, and whether by the staff pages or the command line.
 */
export function auditStaffChange(
  sql: RawSql,
  actor: Actor,
  change: { action: string; target: string | null; details: AuditEvent['details'] },
  now: Date,
) {
  return appendAudit(
    sql,
    {
      actorId: actor.staffId,
      actorEmail: actor.email,
      action: change.action,
      target: change.target,
      address: actor.address,
      details: { ...change.details, via: actor.via },
    },
    now,
  );
}
