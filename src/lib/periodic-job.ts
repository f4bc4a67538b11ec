export type PeriodicJob<T> = {
  /** Runs the work now, after a run in progress ends; resolves to what the work returned. */
  runOnce(): Promise<T>;
  /** Starts the loop (once; a second call does nothing). */
  start(): void;
  /** Ends the loop and waits for a run in progress. */
  stop(): Promise<void>;
};

export type PeriodicJobOptions<T> = {
  work: () => Promise<T>;
  /** The pause after a run ends and before the next begins. */
  intervalMs: number;
  /** The first run comes this long after start(); without it, at once. */
  firstRunMs?: number;
  /** The pause after a failed run: by default the usual one. */
  retryMs?: number;
  /** Told of a failed run; the loop goes on. */
  onError: (error: unknown) => void;
};

/**
 * The loop behind the server's background jobs (upkeep, summaries, retention, backups): one run
 * at a time, a pause measured from the end of a run so a slow run never overlaps the next, timers
 * that never keep the process alive, and a stop that waits for the run in progress so the
 * database closes after it.
 * @example const job = periodicJob({ work: purge, intervalMs: DAY_MS, onError: (e) => log(e) }); job.start();
 */
export function periodicJob<T>(options: PeriodicJobOptions<T>): PeriodicJob<T> {
  const { work, intervalMs, firstRunMs, retryMs = intervalMs, onError } = options;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let looping = false;

  const runOnce = (): Promise<T> => {
    const run = running.catch(() => undefined).then(work);
    running = run;
    return run;
  };

  async function tick(): Promise<void> {
    let wait = intervalMs;
    try {
      await runOnce();
    } catch (error) {
      wait = retryMs;
      onError(error);
    }
    if (looping) timer = setTimeout(() => void tick(), wait).unref();
  }

  return {
    runOnce,
    start() {
      if (looping) return;
      looping = true;
      if (firstRunMs === undefined) void tick();
      else timer = setTimeout(() => void tick(), firstRunMs).unref();
    },
    async stop() {
      looping = false;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
