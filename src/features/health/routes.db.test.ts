import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/setup/test-app.ts';
import packageJson from '../../../package.json' with { type: 'json' };

describe('health checks', () => {
  it('say the process is up but not ready once the database is gone', async () => {
    const t = await createTestApp();
    expect((await t.app.request('/readyz')).status).toBe(200);
    await t.close();
    const res = await t.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
    const health = await t.app.request('/healthz');
    expect([health.status, await health.json()]).toEqual([
      200,
      { status: 'ok', version: packageJson.version },
    ]);
  });
});
