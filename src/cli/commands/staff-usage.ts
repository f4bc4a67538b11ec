/** What `clinic staff --help` prints; staff.ts and staff-run.ts share it. */
export const STAFF_USAGE = `Usage: npm run clinic -- staff <command> [options]

  staff list
  staff add --email <address> --role <admin|coordinator|marketing> [--admin <e-mail> | --recovery-key]
  staff disable --email <address>
  staff clear-lock --email <address>
  staff reset --email <address> [--admin <e-mail> | --recovery-key]

add prints a one-time invite link (valid 72 hours) for the new member to set a password and
their authenticator app. reset does the same for a member who lost theirs; their password,
sessions and recovery codes stop working at once; for a disabled member, reset enables the
account again. disable signs a member out and deletes their copy of the clinic key; for someone
invited who has not yet accepted, it withdraws the invite link (audited).
clear-lock lets a member whose sign-in is slowed down by failed attempts try again at once.
Admins and coordinators get their own copy of the clinic key, so add and reset for them must
unlock it: with --admin, that administrator's password; with --recovery-key, the recovery key.
Either is read from stdin (first line) or a prompt without echo, never from an argument.`;
