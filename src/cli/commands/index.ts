import type { Command } from '../command.ts';

/** Every command of `npm run clinic`, in the order --help lists them. Add new ones here. */
export const COMMANDS: Command[] = [];
