import { describe, expect, it } from 'vitest';
import {
  canExport,
  canManageStaff,
  canReadRequests,
  canViewAnalytics,
  canViewAudit,
  holdsClinicKey,
  STAFF_ROLES,
} from './roles.ts';

describe('staff roles (least privilege)', () => {
  it('gives each role exactly its permissions', () => {
    const table = Object.fromEntries(
      STAFF_ROLES.map((role) => [
        role,
        [holdsClinicKey, canReadRequests, canExport, canViewAnalytics, canManageStaff, canViewAudit].map(
          (can) => can(role),
        ),
      ]),
    );
    expect(table).toEqual({
      admin: [true, true, true, true, true, true],
      coordinator: [true, true, false, false, false, false],
      marketing: [false, false, false, true, false, false],
    });
  });
});
