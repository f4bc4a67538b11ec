import { Hono } from 'hono';
import type { Database } from '../../db/client.ts';
import { VERSION } from '../../version.ts';

/**
 * /healthz: the process answers, and which release it runs. /readyz: it can reach its database.
 * Neither says why to outsiders.
 */
export function healthRoutes(db: Database): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok', version: VERSION }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await db.query('SELECT 1');
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  return app;
}
