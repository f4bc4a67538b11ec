/**
 * The audit trail's action codes in words, for the audit view and its CSV export. Pure. A code
 * not listed (a later release) is shown with its dots and underscores as spaces.
 */
const ACTION_WORDS: Record<string, string> = {
  'signin.succeeded': 'Signed in',
  'signin.failed': 'Sign-in failed',
  signout: 'Signed out',
  'signout.everywhere': 'Signed out everywhere',
  'request.viewed': 'Opened a request',
  'request.status_changed': 'Changed a request’s status',
  'request.call_logged': 'Logged a contact attempt',
  'request.note_added': 'Added a note',
  'request.purged': 'Deleted a request’s details (retention)',
  'requests.exported': 'Exported requests as CSV',
  'audit.exported': 'Exported the audit trail as CSV',
  'staff.invited': 'Invited a member',
  'staff.enrolled': 'Member set up their account',
  'staff.reset': 'Reset a member’s sign-in',
  'staff.enabled': 'Enabled a member again',
  'staff.disabled': 'Disabled a member',
  'staff.password_changed': 'Changed their password',
  'staff.preferences_changed': 'Changed their own settings',
  'staff.role_changed': 'Changed a member’s role',
  'staff.invite_revoked': 'Withdrew an invite link',
  'staff.signin-lock-cleared': 'Cleared a sign-in lock',
  'backup.restored': 'Restored a backup',
  'stats-token.created': 'Created a stats-API token',
  'stats-token.revoked': 'Revoked a stats-API token',
};

/** @example actionWords('request.viewed') // 'Opened a request' */
export function actionWords(action: string): string {
  const words = ACTION_WORDS[action];
  if (words) return words;
  const spaced = action.replace(/[._-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The request ids named by `request:<id>` targets, to look up the numbers staff use. */
export function requestIdsOf(targets: (string | null)[]): string[] {
  const ids = targets.flatMap((t) => /^request:([0-9a-f-]{36})$/.exec(t ?? '')?.[1] ?? []);
  return [...new Set(ids)];
}
