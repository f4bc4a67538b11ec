import type { Command } from '../command.ts';
import { STAFF_USAGE } from './staff-usage.ts';

/** `clinic staff list|add|disable|reset`: staff accounts from the command line (see STAFF_USAGE). */
export const staffCommand: Command = {
  name: 'staff',
  summary: 'Staff accounts: list, add (one-time invite link), disable, reset, clear-lock',
  usage: STAFF_USAGE,
  async run(io) {
    // The account and key code loads only for this command: every other command starts faster.
    const { runStaff } = await import('./staff-run.ts');
    return runStaff(io);
  },
};
