import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * One JSON logger for the process. Callers pass structured context, never a request body,
 * a token or anything a patient typed.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], remove: true },
    },
    destination,
  );
}
