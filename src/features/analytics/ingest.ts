import type { Database } from '../../db/client.ts';
import { errorKind, type Logger } from '../../lib/logger.ts';
import { createRateLimiter, type RateLimiter, type RateLimitPolicy } from './rate-limiter.ts';
import { createSaltStore, type SaltStore } from './salt-store.ts';
import { createAgentCache, type ReducedAgent } from './user-agent.ts';
import { createEventWriter, type EventWriter, type WriterOptions } from './writer.ts';
import { systemClock } from '../../lib/clock.ts';

/** The collector's state in this process: batch writer, salt cache, rate-limit counters. */
export type AnalyticsIngest = {
  writer: EventWriter;
  salts: SaltStore;
  limiter: RateLimiter;
  /** The user agent reduced, or null for a robot; cached. */
  agentOf(userAgent: string): ReducedAgent | null;
  now(): Date;
};

export type IngestOptions = {
  db: Database;
  logger: Logger;
  limit?: RateLimitPolicy;
  writer?: Omit<WriterOptions, 'afterFlush' | 'onError'>;
  now?: () => Date;
};

/**
 * Creates the collector's state. Events are written in batches of up to 1,000, at most a second
 * after they arrive; rate-limit counts go to the database with each batch. Call
 * `ingest.writer.flush()` before shutting down (createAnalyticsJobs' stop() does).
 * @example const ingest = createAnalyticsIngest({ db, logger }); createApp({ …, analytics: ingest });
 */
export function createAnalyticsIngest(options: IngestOptions): AnalyticsIngest {
  const { db, logger, now = systemClock } = options;
  const limiter = createRateLimiter(options.limit);
  const writer = createEventWriter(db, {
    ...options.writer,
    afterFlush: () => limiter.sync(db, now()),
    onError: (error) => {
      // The error's type and code only: its text could quote a row.
      logger.warn({ err: errorKind(error), buffered: writer.buffered }, 'analytics batch not written');
    },
  });
  return { writer, salts: createSaltStore(db), limiter, agentOf: createAgentCache(), now };
}
