import { spawn } from 'node:child_process';

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * A question the command asks on stderr and how to answer it: `reply` gets what the command has
 * printed so far and the answer's number (0 for the first time the prompt appears); null ends stdin.
 */
export type CliAnswer = {
  prompt: string;
  reply: (
    printed: { stdout: string; stderr: string },
    index: number,
  ) => string | null | Promise<string | null>;
};

/** Runs `npm run clinic -- <args>` as a real child process (without npm's banner), feeding `stdin`. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return runCliAnswering(args, env, stdin);
}

/**
 * Like runCli, but keeps stdin open after `stdin` and answers each appearance of `answer.prompt`
 * with a line, as a person reading the terminal would (a TOTP code from the URI printed before).
 */
export function runCliAnswering(
  args: string[],
  env: Record<string, string>,
  stdin: string,
  answer?: CliAnswer,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answered = 0;
    const onPrompt = async () => {
      if (!answer || child.stdin.writableEnded) return;
      while (stderr.split(answer.prompt).length - 1 > answered) {
        const line = await answer.reply({ stdout, stderr }, answered++);
        if (child.stdin.writableEnded) return;
        if (line === null) return void child.stdin.end();
        child.stdin.write(`${line}\n`);
      }
    };
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      onPrompt().catch(reject);
    });
    child.stdin.on('error', () => undefined); // the command may exit before reading every answer
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    if (answer) child.stdin.write(stdin);
    else child.stdin.end(stdin);
  });
}
