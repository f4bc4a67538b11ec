import type { Database } from '../../db/client.ts';
import type { AnalyticsEvent } from './event.ts';
import { insertEvents } from './queries/insert-events.ts';

export type WriterOptions = {
  /** Rows per INSERT statement and per transaction. */
  maxBatch?: number;
  /** Events held in memory at most; past it (the database is down) new events are refused. */
  maxBuffer?: number;
  /** How long an event may wait before its batch is written. */
  flushMs?: number;
  /** Runs after each flush attempt (the rate limiter syncs here); errors reach onError. */
  afterFlush?: () => Promise<void>;
  onError?: (error: unknown) => void;
};

export type EventWriter = {
  /** Buffers an event; false when the buffer is full. */
  add(event: AnalyticsEvent): boolean;
  /** Writes everything buffered now; resolves when it is in the database. */
  flush(): Promise<void>;
  /** Whether an event for which `test` is true waits here or is being written now. */
  holds(test: (event: AnalyticsEvent) => boolean): boolean;
  readonly buffered: number;
};

/**
 * Buffers events and writes them in batches: when `maxBatch` are waiting, or `flushMs` after the
 * first one arrived. One flush runs at a time; a failed batch goes back to the buffer's front.
 * @example const writer = createEventWriter(db); writer.add(event); await writer.flush();
 */
export function createEventWriter(db: Database, options: WriterOptions = {}): EventWriter {
  const { maxBatch = 1000, maxBuffer = 50_000, flushMs = 1000, afterFlush, onError } = options;
  let buffer: AnalyticsEvent[] = [];
  // The batch being written: out of the buffer, not yet committed.
  let writing: AnalyticsEvent[] = [];
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function drain(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    try {
      while (buffer.length > 0) {
        const batch = buffer.slice(0, maxBatch);
        buffer = buffer.slice(batch.length);
        writing = batch;
        try {
          await db.rawTransaction((sql) => insertEvents(sql, batch));
        } catch (error) {
          buffer = [...batch, ...buffer].slice(0, maxBuffer);
          throw error;
        } finally {
          writing = [];
        }
      }
    } finally {
      await afterFlush?.();
    }
  }

  const flush = () => (running = running.catch(() => undefined).then(drain));
  const background = (): void =>
    void flush().catch((error: unknown) => {
      onError?.(error);
      // Try again later rather than on the next event: the database may be down for a while.
      if (buffer.length > 0 && !timer) timer = setTimeout(background, flushMs * 5).unref();
    });

  return {
    add(event) {
      if (buffer.length >= maxBuffer) return false;
      buffer.push(event);
      if (buffer.length === maxBatch) background();
      else if (!timer) timer = setTimeout(background, flushMs).unref();
      return true;
    },
    flush,
    holds: (test) => writing.some(test) || buffer.some(test),
    get buffered() {
      return buffer.length;
    },
  };
}
