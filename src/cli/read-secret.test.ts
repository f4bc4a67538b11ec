import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAnswer, readSecret } from './read-secret.ts';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  Object.assign(stdin, { setRawMode: (on: boolean) => stdin.rawModes.push(on) });
  let shown = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk) => (shown += String(chunk)));
  return { stdin, stderr, shown: () => shown };
}

describe('readSecret', () => {
  it('takes the first line of piped stdin', async () => {
    const io = { stdin: Readable.from(['ABCD-EFGH\nsecond line\n']), stderr: new PassThrough() };
    expect(await readSecret(io, 'Key: ')).toBe('ABCD-EFGH');
  });

  it('reads the next line at each prompt of the same piped stdin, then null at its end', async () => {
    const io = { stdin: Readable.from(['pass word\r\n123', ' 456\n']), stderr: new PassThrough() };
    expect(await readSecret(io, 'Password: ')).toBe('pass word');
    expect(await readAnswer(io, 'Code: ')).toBe('123 456');
    expect(await readAnswer(io, 'Code: ')).toBeNull();
  });

  it('waits for a line written after the prompt, as a program answering a question does', async () => {
    const stdin = new PassThrough();
    let shown = '';
    const stderr = new PassThrough();
    stderr.on('data', (chunk) => (shown += String(chunk)));
    stdin.write('first\n');
    const io = { stdin, stderr };
    expect(await readSecret(io, 'Password: ')).toBe('first');
    const code = readAnswer(io, 'Code: ');
    await new Promise((resolve) => setImmediate(resolve));
    expect(shown).toBe('Code: ');
    stdin.write('654321\n');
    expect(await code).toBe('654321');
  });

  it('resolves to null when piped stdin is empty', async () => {
    expect(await readSecret({ stdin: Readable.from([]), stderr: new PassThrough() }, 'Key: ')).toBeNull();
  });

  it('prompts on a terminal in raw mode, echoes nothing and honours Backspace', async () => {
    const t = terminal();
    const secret = readSecret(t, 'Key: ');
    t.stdin.write('abc\u007fd\r');
    expect(await secret).toBe('abd');
    expect(t.shown()).toBe('Key: \n');
    expect(t.stdin.rawModes).toEqual([true, false]);
  });

  it('keeps keystrokes typed ahead for the next terminal prompt, and echoes an answer', async () => {
    const t = terminal();
    t.stdin.write('secret one\r12');
    expect(await readSecret(t, 'Password: ')).toBe('secret one');
    const code = readAnswer(t, 'Code: ');
    t.stdin.write('34\u007f56\r');
    expect(await code).toBe('12356');
    expect(t.shown()).toBe('Password: \nCode: 1234\b \b56\n');
    expect(t.stdin.rawModes).toEqual([true, false, true, false]);
  });

  it('cancels on Ctrl-C', async () => {
    const t = terminal();
    const secret = readSecret(t, 'Key: ');
    t.stdin.write('ab\u0003');
    await expect(secret).rejects.toThrow('Cancelled.');
  });
});
