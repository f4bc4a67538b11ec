import { Readable, Writable } from 'node:stream';
import type { Command } from '../../src/cli/command.ts';
import { parseEnv } from '../../src/config/env.ts';
import type { Database } from '../../src/db/client.ts';

export type CommandResult = { code: number; stdout: string; stderr: string };

/**
 * Runs a `clinic` command in this process against `db`, as `npm run clinic` would, feeding
 * `stdin` and collecting what it writes. `env` is the environment it reads (parseEnv's input).
 * @example const { code, stdout } = await runCommand(purgeCommand, db, ['--dry-run']);
 */
export async function runCommand(
  command: Command,
  db: Database,
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await command.run({
    args,
    stdin: Readable.from([options.stdin ?? '']),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: parseEnv(options.env ?? {}),
    withDatabase: (fn) => fn(db),
  });
  return { code, stdout, stderr };
}
