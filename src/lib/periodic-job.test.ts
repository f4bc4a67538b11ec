import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { periodicJob } from './periodic-job.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** Work that takes `ms` of (fake) time and records when each run started and ended. */
function slowWork(ms: number) {
  const runs: { start: number; end?: number }[] = [];
  let active = 0;
  let mostAtOnce = 0;
  const work = async () => {
    const run: { start: number; end?: number } = { start: Date.now() };
    runs.push(run);
    mostAtOnce = Math.max(mostAtOnce, ++active);
    await new Promise((resolve) => setTimeout(resolve, ms));
    active--;
    run.end = Date.now();
    return runs.length;
  };
  return { work, runs, mostAtOnce: () => mostAtOnce };
}

describe('periodicJob', () => {
  it('runs at once, then pauses a whole interval after each run ends, never two at a time', async () => {
    const { work, runs, mostAtOnce } = slowWork(300);
    const job = periodicJob({ work, intervalMs: 1_000, onError: () => undefined });
    const t0 = Date.now();
    job.start();
    job.start(); // a second start adds no second loop
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs.map((r) => r.start - t0)).toEqual([0, 1_300, 2_600]);
    expect(mostAtOnce()).toBe(1);
    await job.stop();
  });

  it('waits firstRunMs before the first run when given', async () => {
    const runs: number[] = [];
    const work = async () => void runs.push(Date.now());
    const job = periodicJob({ work, intervalMs: 1_000, firstRunMs: 5_000, onError: () => undefined });
    job.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
    await job.stop();
  });

  it('queues runOnce behind a run in progress and resolves to what the work returned', async () => {
    const { work, runs, mostAtOnce } = slowWork(300);
    const job = periodicJob({ work, intervalMs: 60_000, onError: () => undefined });
    job.start();
    const asked = job.runOnce();
    await vi.advanceTimersByTimeAsync(600);
    await expect(asked).resolves.toBe(2);
    expect(runs[1]?.start).toBe(runs[0]?.end);
    expect(mostAtOnce()).toBe(1);
    await job.stop();
  });

  it('tells onError of a failed run and tries again after retryMs', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = periodicJob({
      work: async () => {
        calls++;
        if (calls === 1) throw new Error('database down');
        return calls;
      },
      intervalMs: 86_400_000,
      retryMs: 60_000,
      onError: (error) => errors.push(error),
    });
    job.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('database down')]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    await job.stop();
  });

  it('stop waits for the run in progress and no run follows', async () => {
    const { work, runs } = slowWork(500);
    const job = periodicJob({ work, intervalMs: 100, onError: () => undefined });
    job.start();
    const stopped = job.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
  });
});
