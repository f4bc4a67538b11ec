import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLOURS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };

/**
 * One JSON log line as a person reads it in a terminal: the time, the level, the message, then
 * the other fields as key=value. A line that is not JSON is kept as it is.
 * @example prettyLine('{"level":30,"time":0,"msg":"listening","port":3000}') // '00:00:00.000 INFO  listening port=3000'
 */
export function prettyLine(json: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const { level, time, msg, ...fields } = entry;
  const levelNumber = typeof level === 'number' ? level : 30;
  const name = (LEVELS[levelNumber] ?? String(level)).padEnd(5);
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
  const rest = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
  const shownLevel = colour ? `\u001b[${COLOURS[levelNumber] ?? '0'}m${name}\u001b[0m` : name;
  return [clock, shownLevel, String(msg ?? ''), ...rest].filter((part) => part !== '').join(' ');
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null && 'stack' in value) {
    const { stack, ...rest } = value as { stack: unknown };
    return `${JSON.stringify(rest)}\n${String(stack)}`;
  }
  return JSON.stringify(value);
}

/** A pino destination that writes prettyLine's form: for a terminal (stdout is a TTY). */
export function prettyDestination(out: NodeJS.WritableStream, colour = true): DestinationStream {
  return { write: (line: string) => void out.write(`${prettyLine(line, colour)}\n`) };
}
