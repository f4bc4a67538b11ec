import { StringDecoder } from 'node:string_decoder';
import type { CommandIo } from './command.ts';

type Io = Pick<CommandIo, 'stdin' | 'stderr'>;
type Stdin = CommandIo['stdin'];

/**
 * Reads a secret the way every command does: the next line of stdin when it is piped, otherwise
 * a prompt on stderr that echoes nothing. Secrets never come from arguments. Resolves to null when
 * stdin ends without a line. Successive calls read successive lines of the same stdin.
 * @example const key = await readSecret(io, 'Recovery key: ');
 */
export async function readSecret(io: Io, prompt: string): Promise<string | null> {
  return io.stdin.isTTY ? promptTerminal(io, prompt, false) : readerOf(io.stdin).next();
}

/**
 * Asks for a line that is not secret (a one-time code): the prompt goes to stderr, piped or not,
 * so a person or a program driving the command sees the question; a terminal echoes what is typed.
 * @example const code = await readAnswer(io, 'Code from your authenticator app: ');
 */
export async function readAnswer(io: Io, prompt: string): Promise<string | null> {
  if (io.stdin.isTTY) return promptTerminal(io, prompt, true);
  io.stderr.write(prompt);
  const line = await readerOf(io.stdin).next();
  io.stderr.write('\n');
  return line;
}

/**
 * The text of a stdin that has arrived but not been taken yet. One per stream, so that a line (or
 * keystrokes) after the one a prompt wanted waits for the next prompt instead of being lost.
 */
class StdinText {
  private text = '';
  private ended = false;
  private readonly decoder = new StringDecoder('utf8');
  private wake: (() => void) | null = null;

  constructor(private readonly stdin: Stdin) {
    stdin.on('data', (chunk: string | Buffer) => {
      this.text += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
      // Read only while a prompt waits: the rest stays in the stream until asked for.
      stdin.pause();
      this.wake?.();
    });
    stdin.on('end', () => {
      this.text += this.decoder.end();
      this.ended = true;
      this.wake?.();
    });
    stdin.pause();
  }

  /** Waits for more text (or the end); false when the stream has ended and nothing more will come. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.stdin.resume();
    });
    this.wake = null;
    return true;
  }

  /** The next line of piped text without its line ending; the unfinished last line at the end; null after it. */
  async next(): Promise<string | null> {
    for (;;) {
      const newline = this.text.indexOf('\n');
      if (newline >= 0) {
        const line = this.text.slice(0, newline).replace(/\r$/, '');
        this.text = this.text.slice(newline + 1);
        return line;
      }
      if (!(await this.more())) {
        const last = this.text;
        this.text = '';
        return last === '' ? null : last;
      }
    }
  }

  /** The next typed character (raw mode); null when the stream has ended. */
  async nextChar(): Promise<string | null> {
    while (this.text === '') if (!(await this.more())) return null;
    const [char = ''] = this.text;
    this.text = this.text.slice(char.length);
    return char;
  }
}

const readers = new WeakMap<Stdin, StdinText>();

function readerOf(stdin: Stdin): StdinText {
  let reader = readers.get(stdin);
  if (!reader) readers.set(stdin, (reader = new StdinText(stdin)));
  return reader;
}

/**
 * One line from a terminal in raw mode; Ctrl-C cancels, Backspace erases, Enter or Ctrl-D ends it.
 * A secret echoes nothing; an answer echoes what is typed.
 */
async function promptTerminal(io: Io, question: string, echo: boolean): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(question);
  stdin.setRawMode(true);
  const reader = readerOf(stdin);
  let value = '';
  try {
    for (;;) {
      const char = await reader.nextChar();
      if (char === null || char === '\r' || char === '\n' || char === '\u0004') return value;
      if (char === '\u0003') throw new Error('Cancelled.');
      if (char === '\u007f' || char === '\b') {
        if (echo && value !== '') io.stderr.write('\b \b');
        value = [...value].slice(0, -1).join('');
      } else {
        if (echo) io.stderr.write(char);
        value += char;
      }
    }
  } finally {
    stdin.setRawMode(false);
    io.stderr.write('\n');
  }
}
