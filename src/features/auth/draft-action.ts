/**
 * What a kept form will do when it is sent again, in words, from where it goes: the member
 * reads this before sending it, so a form is never sent without knowing its effect.
 */
const ACTIONS: [pattern: RegExp, words: string][] = [
  [/^\/staff\/staff\/[^/]+\/disable$/, "Disable a staff member's account: they are signed out at once."],
  [
    /^\/staff\/staff\/[^/]+\/reset$/,
    "Reset a staff member's account: their password stops working and you get a new set-up link.",
  ],
  [/^\/staff\/staff\/[^/]+\/clear-lock$/, "Clear a staff member's sign-in lock."],
  [/^\/staff\/staff\/invite$/, 'Create an invite link for a new staff member.'],
  [/^\/staff\/requests\/[^/]+\/notes$/, 'Add a note to a request.'],
  [/^\/staff\/requests\/[^/]+\/calls$/, 'Record a call on a request.'],
  [/^\/staff\/requests\/[^/]+\/status$/, "Change a request's status."],
  [/^\/staff\/export$/, 'Export requests as a CSV file.'],
  [/^\/staff\/account\/password$/, 'Change your password.'],
  [/^\/staff\/account\/sign-out-everywhere$/, 'Sign out your other sessions.'],
];

/**
 * @example describeDraftAction('/staff/requests/5f…/notes') // 'Add a note to a request.'
 */
export function describeDraftAction(path: string): string {
  return (
    ACTIONS.find(([pattern]) => pattern.test(path))?.[1] ?? 'Send a form to this page of the staff area.'
  );
}
