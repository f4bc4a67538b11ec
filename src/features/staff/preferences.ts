import type { Database } from '../../db/client.ts';
import { appendAudit } from '../audit/index.ts';
import { canViewAnalytics, type StaffRole } from '../auth/index.ts';
import { getPreferences, setPreferences, type Preferences } from './member-queries.ts';

/**
 * A member's own settings (the account page): what a post means, what is wrong with it, and the
 * audited save. The reading is pure; only savePreferences touches the database.
 */

export const DISPLAY_NAME_MAX = 80;

export type PreferenceErrors = Partial<Record<'displayName' | 'locale', string>>;

/**
 * Reads the settings form. The name is trimmed, spaces inside collapsed; empty means "no name"
 * (the staff page then shows the e-mail). A checkbox is on when it is posted as "yes". The weekly
 * analytics summary is only for the roles that see the analytics: posted by another, it stays off.
 * @example readPreferences({ displayName: 'Rosa Díaz', locale: 'es', notifyNewRequests: 'yes' }, 'coordinator')
 */
export function readPreferences(
  body: Record<string, unknown>,
  role: StaffRole,
): {
  values: Preferences;
  typed: string;
  errors: PreferenceErrors;
} {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const typed = text('displayName');
  const name = typed.replace(/\s+/gu, ' ').trim();
  const errors: PreferenceErrors = {};
  if ([...name].length > DISPLAY_NAME_MAX) {
    errors.displayName = `Your name can be at most ${DISPLAY_NAME_MAX} characters; this one has ${[...name].length}.`;
  } else if (/[\p{Cc}\p{Cf}]/u.test(name)) {
    errors.displayName = 'Your name can hold letters, spaces and punctuation, but not control characters.';
  }
  const locale = text('locale');
  if (locale !== 'en' && locale !== 'es') errors.locale = 'Choose English or Spanish.';
  return {
    values: {
      displayName: name === '' ? null : name,
      locale: locale === 'es' ? 'es' : 'en',
      notifyNewRequests: text('notifyNewRequests') === 'yes',
      notifyDailySummary: text('notifyDailySummary') === 'yes',
      notifyWeeklySummary: canViewAnalytics(role) && text('notifyWeeklySummary') === 'yes',
    },
    typed,
    errors,
  };
}

/**
 * Saves a member's settings with one audit entry naming what changed (a member's own name and
 * choices: never anything about a patient). Nothing changed: nothing written.
 * @returns the names of the settings that changed
 */
export async function savePreferences(
  db: Database,
  input: { staffId: string; email: string; address: string | null; now: Date; values: Preferences },
): Promise<(keyof Preferences)[]> {
  return db.rawTransaction(async (sql) => {
    const before = await getPreferences(sql, input.staffId);
    const changed = (Object.keys(before) as (keyof Preferences)[]).filter(
      (key) => before[key] !== input.values[key],
    );
    if (changed.length === 0) return changed;
    await setPreferences(sql, input.staffId, input.values);
    await appendAudit(
      sql,
      {
        actorId: input.staffId,
        actorEmail: input.email,
        action: 'staff.preferences_changed',
        target: `staff:${input.staffId}`,
        address: input.address,
        details: Object.fromEntries(changed.map((key) => [key, input.values[key]])),
      },
      input.now,
    );
    return changed;
  });
}
