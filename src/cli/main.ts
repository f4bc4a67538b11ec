import { parseEnv } from '../config/env.ts';
import { openMigratedDatabase } from '../db/open.ts';
import { maskSecrets } from '../lib/mask-secrets.ts';
import { StartUpError } from '../lib/start-up-error.ts';
import { VERSION } from '../version.ts';
import type { Command, CommandIo } from './command.ts';
import { COMMANDS } from './commands/index.ts';

/** `npm run clinic -- <command> [options]`: the clinic's command-line tool. Secrets come from stdin or a prompt. */
function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run clinic -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run clinic -- <command> --help` for its options, `npm run clinic -- --version` for the release.',
    'With the embedded database, stop the server first: it locks DATA_DIR.',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  io: Omit<CommandIo, 'args' | 'env' | 'withDatabase'>,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${help(COMMANDS)}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${help(COMMANDS)}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    const env = parseEnv(process.env);
    return await command.run({
      ...io,
      args,
      env,
      async withDatabase(fn) {
        const database = await openMigratedDatabase(env);
        try {
          return await fn(database.db);
        } finally {
          await database.close();
        }
      },
    });
  } catch (error) {
    if (error instanceof StartUpError) {
      io.stderr.write(`${maskSecrets((error as Error).message)}\n`);
      return 1;
    }
    throw error;
  }
}

/** Runs the command named by this process's arguments and exits with its code. */
export function runFromCommandLine(): void {
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(maskSecrets(`clinic: ${(error as Error).stack ?? String(error)}\n`));
      process.exit(1);
    },
  );
}

// Run directly (`tsx src/cli/main.ts`); the build's dist/clinic.js checks the Node version first (src/entry/).
if (import.meta.url === `file://${process.argv[1]}`) runFromCommandLine();
