import type { Env } from '../config/env.ts';
import type { Database } from '../db/client.ts';

/** What a command gets to talk to a person: arguments, stdin/stdout/stderr, the environment. */
export type CommandIo = {
  args: string[];
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
  /** Opens the database for the command's lifetime (locking DATA_DIR when embedded) and closes it after. */
  withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T>;
};

export type Command = {
  name: string;
  /** One line for --help. */
  summary: string;
  /** Usage line(s) shown by `clinic <name> --help`. */
  usage: string;
  /** Resolves to the process exit code. */
  run(io: CommandIo): Promise<number>;
};
