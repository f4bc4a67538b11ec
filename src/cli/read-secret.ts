import { createInterface } from 'node:readline';
import type { CommandIo } from './command.ts';

/**
 * Reads a secret the way every command does: the first line of stdin when it is piped, otherwise
 * a prompt on stderr that echoes nothing. Secrets never come from arguments. Resolves to null when
 * stdin ends without a line.
 * @example const key = await readSecret(io, 'Recovery key: ');
 */
export async function readSecret(
  io: Pick<CommandIo, 'stdin' | 'stderr'>,
  prompt: string,
): Promise<string | null> {
  return io.stdin.isTTY ? promptHidden(io, prompt) : readFirstLine(io.stdin);
}

async function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string | null> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return null;
  } finally {
    lines.close();
  }
}

/** One line from a terminal in raw mode, echoing nothing; Ctrl-C cancels, Backspace erases. */
function promptHidden(io: Pick<CommandIo, 'stdin' | 'stderr'>, question: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          return resolve(value);
        }
        if (char === '\u0003') {
          finish();
          return reject(new Error('Cancelled.'));
        }
        value = char === '\u007f' || char === '\b' ? [...value].slice(0, -1).join('') : value + char;
      }
    };
    stdin.on('data', onData);
  });
}
