import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.ts';
import { preparedLane } from './prepared-lane.ts';
import { CACHE_REVALIDATE, prepare, sendPrepared } from './prepared-response.ts';
import { requestLog } from './request-log.ts';
import { securedHeaders, securityHeaders } from './security-headers.ts';

const SITE = 'https://clinic.example';
const faq = prepare('<h1>Questions</h1>'.repeat(40), 'text/html; charset=utf-8', CACHE_REVALIDATE);
const responses = new Map([['/en/faq', faq]]);
const lines: Record<string, unknown>[] = [];
const logger = createLogger(
  'info',
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  }),
);
// The same prepared map served the Hono way (middleware, route, sendPrepared) …
const hono = new Hono()
  .use(requestLog(logger))
  .use(securityHeaders(SITE))
  .on(['GET', 'HEAD'], '/en/faq', (c) => sendPrepared(c, faq))
  .post('/en/faq', (c) => c.text('posted', 405));
let honoOnly: Server;
let lane: Server;

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
let honoUrl: string;
let laneUrl: string;

beforeAll(async () => {
  honoOnly = createServer(getRequestListener(hono.fetch));
  // … and by the lane in front of it.
  lane = createServer(
    preparedLane({
      responses,
      securityHeaders: securedHeaders(SITE),
      logger,
      next: getRequestListener(hono.fetch),
    }),
  );
  [honoUrl, laneUrl] = await Promise.all([listen(honoOnly), listen(lane)]);
});
afterAll(() => {
  honoOnly.close();
  lane.close();
});

type Raw = { status: number; headers: Record<string, string>; body: Buffer };
const VOLATILE = ['date', 'connection', 'keep-alive', 'x-request-id'];

function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(new URL(path, base), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept = Object.entries(res.headers).filter(([name]) => !VOLATILE.includes(name));
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(kept.map(([n, v]) => [n, String(v)])),
          body: Buffer.concat(chunks),
        });
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('preparedLane', () => {
  it.each([
    ['brotli', { 'accept-encoding': 'gzip, deflate, br' }],
    ['gzip', { 'accept-encoding': 'gzip' }],
    ['no encoding', {}],
  ])(
    'answers a prepared page (%s) with the same status, headers and bytes as the Hono route',
    async (_label, headers) => {
      const [viaHono, viaLane] = await Promise.all([
        get(honoUrl, '/en/faq', headers),
        get(laneUrl, '/en/faq', headers),
      ]);
      expect(viaLane.status).toBe(200);
      expect(viaLane).toEqual(viaHono);
      expect(viaLane.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    },
  );

  it('answers 304 for the ETag the browser holds, and HEAD without a body, as Hono does', async () => {
    const first = await get(laneUrl, '/en/faq', { 'accept-encoding': 'br' });
    const revalidate = { 'accept-encoding': 'br', 'if-none-match': first.headers.etag as string };
    const [honoHit, laneHit] = await Promise.all([
      get(honoUrl, '/en/faq', revalidate),
      get(laneUrl, '/en/faq', revalidate),
    ]);
    expect(laneHit.status).toBe(304);
    expect(laneHit).toEqual(honoHit);
    const [honoHead, laneHead] = await Promise.all([
      get(honoUrl, '/en/faq', {}, 'HEAD'),
      get(laneUrl, '/en/faq', {}, 'HEAD'),
    ]);
    expect(laneHead.body.length).toBe(0);
    expect(laneHead).toEqual(honoHead);
  });

  it('logs one line per page with its request id and path, never the query string', async () => {
    lines.length = 0;
    const answer = await new Promise<string>((resolve) =>
      request(new URL('/en/faq?email=someone%40example.com', laneUrl), (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers['x-request-id'])));
      }).end(),
    );
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, reqId: answer, method: 'GET', path: '/en/faq', status: 200 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('example.com');
  });

  it('passes every other request to the app: other methods and paths', async () => {
    expect((await get(laneUrl, '/en/faq', {}, 'POST')).body.toString()).toBe('posted');
    expect((await get(laneUrl, '/en/nothing')).status).toBe(404);
  });
});
