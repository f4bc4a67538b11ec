import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecret } from './read-secret.ts';

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

  it('cancels on Ctrl-C', async () => {
    const t = terminal();
    const secret = readSecret(t, 'Key: ');
    t.stdin.write('ab\u0003');
    await expect(secret).rejects.toThrow('Cancelled.');
  });
});
