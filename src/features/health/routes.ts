import { Hono } from 'hono';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { VERSION } from '../../version.ts';

/** How long a write probe's answer stands: a load balancer polling every second writes once in five. */
export const WRITE_PROBE_CACHE_MS = 5000;

export type HealthDeps = { db: Database; logger: Logger; now?: () => Date; writeProbeCacheMs?: number };

type Readiness = { ready: true } | { ready: false; reason: 'database-unreachable' | 'writes-failing' };

/**
 * /healthz: the process answers, and which release it runs. /readyz: it can read from its
 * database (every call) and write to it (an upsert of one row, at most every few seconds), so a
 * full disk or a read-only database takes the instance out of rotation. It says which of the two
 * failed, never the error itself; the log has the SQLSTATE.
 */
export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  const writes = writeProbe(deps);
  app.get('/healthz', (c) => c.json({ status: 'ok', version: VERSION }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const readiness = await checkReadiness(deps.db, writes);
    if (readiness.ready) return c.json({ status: 'ready' });
    return c.json({ status: 'unavailable', reason: readiness.reason }, 503);
  });
  return app;
}

async function checkReadiness(db: Database, writes: () => Promise<boolean>): Promise<Readiness> {
  try {
    await db.query('SELECT 1');
  } catch {
    return { ready: false, reason: 'database-unreachable' };
  }
  return (await writes()) ? { ready: true } : { ready: false, reason: 'writes-failing' };
}

/** Whether a write goes through; one probe at a time, its answer kept for writeProbeCacheMs. */
function writeProbe(deps: HealthDeps): () => Promise<boolean> {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.writeProbeCacheMs ?? WRITE_PROBE_CACHE_MS;
  let last: { at: number; result: Promise<boolean> } | null = null;
  let failing = false;
  const probe = async (at: Date): Promise<boolean> => {
    try {
      await deps.db.query(
        `INSERT INTO health_probe (id, written_at) VALUES (true, $1)
         ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at`,
        [at],
      );
      if (failing) deps.logger.info('readiness: database writes work again');
      failing = false;
      return true;
    } catch (error) {
      // Type and code only, as everywhere: a driver's message can quote values.
      const e = error as { name?: string; code?: unknown };
      if (!failing)
        deps.logger.warn({ err: { type: e.name, code: e.code } }, 'readiness: database writes fail');
      failing = true;
      return false;
    }
  };
  return () => {
    const at = now();
    if (!last || Math.abs(at.getTime() - last.at) >= cacheMs) last = { at: at.getTime(), result: probe(at) };
    return last.result;
  };
}
