import { pino, type Logger, type DestinationStream } from 'pino';
import { maskSecrets } from './mask-secrets.ts';

export type { Logger };

/**
 * One JSON logger for the process. Callers pass structured context, never a request body,
 * a token or anything a patient typed. Every line passes through maskSecrets on its way out, so
 * an error that quotes a URL (a database or SMTP driver's message) never shows its password.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const target = destination ?? pino.destination(1);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], remove: true },
    },
    { write: (line: string) => target.write(maskSecrets(line)) },
  );
}

/**
 * What a log line may say of an error from a driver or the file system: its type and code, never
 * its message, which can quote a statement's values.
 * @example logger.error({ err: errorKind(error) }, 'backup failed')
 */
export function errorKind(error: unknown): { type?: string; code?: unknown } {
  const { name, code } = (error ?? {}) as { name?: string; code?: unknown };
  return { type: name, code };
}
