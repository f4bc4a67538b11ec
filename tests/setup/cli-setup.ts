import { CODE_PROMPT } from '../../src/cli/commands/setup.ts';
import { runCliAnswering, type CliResult } from './cli-process.ts';
import { totpAt } from './staff.ts';

/** The TOTP secret in the otpauth:// URI `clinic setup` printed; '' when there is none. */
export function printedTotpSecret(stdout: string): string {
  const uri = stdout.match(/^otpauth:\/\/\S+$/m)?.[0];
  return uri ? (new URL(uri).searchParams.get('secret') ?? '') : '';
}

/** What the admin types at the n-th code prompt, given the secret the command printed. */
export type CodeTyped = (secret: string, index: number) => string | null | Promise<string | null>;

/** The code an authenticator app shows now, at every prompt. */
export const codeShownNow = (secret: string, _index?: number): Promise<string> => totpAt(secret, new Date());

/**
 * `clinic setup --email E` as a real child process: the password piped as the first line, then
 * each "Code from your authenticator app:" answered by `typed` from the URI printed before it.
 */
export async function runCliSetup(
  email: string,
  password: string,
  env: Record<string, string>,
  typed: CodeTyped = codeShownNow,
  args: string[] = [],
): Promise<CliResult & { totpSecret: string }> {
  const run = await runCliAnswering(['setup', '--email', email, ...args], env, `${password}\n`, {
    prompt: CODE_PROMPT,
    reply: ({ stdout }, index) => typed(printedTotpSecret(stdout), index),
  });
  return { ...run, totpSecret: printedTotpSecret(run.stdout) };
}
