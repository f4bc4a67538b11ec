import { Hono } from 'hono';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.ts';
import { logQuietly, requestLog } from './request-log.ts';

function appLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const app = new Hono();
  app.use(requestLog(createLogger(level, sink)));
  app.get('/page', (c) => c.text('hello'));
  app.post('/beacon', (c) => {
    logQuietly(c);
    return c.body(null, 202);
  });
  return { app, lines };
}

describe('requestLog', () => {
  it('logs a line per request at info, with the id it sends as X-Request-Id', async () => {
    const { app, lines } = appLoggingAt('info');
    const res = await app.request('/page?email=someone%40example.com');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: res.headers.get('x-request-id'),
        path: '/page',
        status: 200,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('example.com');
  });

  it('logs a quiet route at debug: absent at info, present at debug', async () => {
    const info = appLoggingAt('info');
    expect((await info.app.request('/beacon', { method: 'POST' })).status).toBe(202);
    expect(info.lines).toEqual([]);
    const debug = appLoggingAt('debug');
    await debug.app.request('/beacon', { method: 'POST' });
    expect(debug.lines).toEqual([expect.objectContaining({ level: 20, path: '/beacon', status: 202 })]);
  });
});
