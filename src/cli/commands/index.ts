import type { Command } from '../command.ts';
import { auditCommand } from './audit.ts';
import { backupCommand } from './backup.ts';
import { exportCommand } from './export.ts';
import { purgeCommand } from './purge.ts';
import { reportCommand } from './report.ts';
import { restoreCommand } from './restore.ts';
import { setupCommand } from './setup.ts';
import { staffCommand } from './staff.ts';

/** Every command of `npm run clinic`, in the order --help lists them. Add new ones here. */
export const COMMANDS: Command[] = [
  auditCommand,
  setupCommand,
  staffCommand,
  exportCommand,
  purgeCommand,
  backupCommand,
  restoreCommand,
  reportCommand,
];
